from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "kuntakokeilu.dashboards"
    label = "dashboards"
    verbose_name = "Monitoring dashboards"
