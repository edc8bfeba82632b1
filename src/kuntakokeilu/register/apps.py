from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "kuntakokeilu.register"
    label = "register"
    verbose_name = "Job-seeker register"
