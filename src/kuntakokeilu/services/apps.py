from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "kuntakokeilu.services"

    def ready(self) -> None:
        from kuntakokeilu.casework.worklist import DueSource, register_due_source
        from kuntakokeilu.services.worklist import job_offer_answers

        register_due_source(
            DueSource(
                name="job_offers",
                kinds={"job_offer_answer": _("job offer to answer")},
                rows=job_offer_answers,
            )
        )
