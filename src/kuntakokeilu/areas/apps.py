from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "kuntakokeilu.areas"
    verbose_name = "Areas and municipalities"
