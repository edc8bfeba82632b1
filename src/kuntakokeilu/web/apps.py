from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kuntakokeilu.web"
    label = "web"
    verbose_name = "Web"
