from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "kuntakokeilu.applications"
    verbose_name = "Applications"
