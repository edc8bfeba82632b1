from django.db import models


class Application(models.Model):
    """A municipality's (or municipalities') application to run an experiment."""

    application_id = models.CharField(max_length=20, unique=True)
    round = models.CharField(max_length=20)
    municipality_codes = models.CharField(
        max_length=400, help_text="Space-separated municipality codes, as applied"
    )
    outcome = models.CharField(max_length=60, blank=True)
    adds_to = models.CharField(
        max_length=60, blank=True, help_text="Area or application this application adds to"
    )

    class Meta:
        ordering = ["application_id"]

    def __str__(self) -> str:
        return self.application_id

    @property
    def codes(self) -> list[str]:
        return self.municipality_codes.split()


class Waiver(models.Model):
    """A criterion waived for an application for very weighty reasons (D000 footnote 1)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="waivers")
    criterion = models.CharField(max_length=40)
    reason = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="one_waiver_per_criterion"
            ),
            models.CheckConstraint(condition=~models.Q(reason=""), name="waiver_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.application.application_id}: {self.criterion} waived"
