from django.apps import AppConfig


class SimulateConfig(AppConfig):
    name = "kuntakokeilu.simulate"
    label = "simulate"
    verbose_name = "Event simulator"
