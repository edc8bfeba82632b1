from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "kuntakokeilu.clients"
    verbose_name = "Clients"
