from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "kuntakokeilu.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring indicators"
