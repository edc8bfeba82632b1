"""See docs/casework-design.md for what this app owns."""

from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "kuntakokeilu.casework"

    def ready(self) -> None:
        # Registers the casework due-item sources (the process and plan tasks) of the work list.
        from kuntakokeilu.casework import worklist  # noqa: F401
