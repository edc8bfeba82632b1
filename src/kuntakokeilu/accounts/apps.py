from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kuntakokeilu.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.contrib.auth import signals as auth

        from kuntakokeilu.accounts import signals

        auth.user_logged_in.connect(signals.on_login, dispatch_uid="accounts.login")
        auth.user_login_failed.connect(signals.on_login_failed, dispatch_uid="accounts.failed")
        auth.user_logged_out.connect(signals.on_logout, dispatch_uid="accounts.logout")
