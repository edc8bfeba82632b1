from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kuntakokeilu.accounts"
    verbose_name = "Accounts"
