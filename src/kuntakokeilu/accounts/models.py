"""Who a user is in the service: a role, and the area (or TE office area) it is scoped to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.areas.models import Area


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("case worker")
    AREA_MANAGER = "area_manager", _("area manager")
    TE_OFFICER = "te_officer", _("TE office officer")
    MINISTRY_ANALYST = "ministry_analyst", _("ministry analyst")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("data protection officer")
    ADMINISTRATOR = "administrator", _("administrator")


#: Roles that work with the clients of one area.
AREA_ROLES = frozenset({Role.CASE_WORKER, Role.AREA_MANAGER})
#: The same in a fixed order: a set's order changes with the hash seed, and the constraint below
#: would otherwise make ``makemigrations`` see a change on some runs.
AREA_ROLES_IN_ORDER = [role for role in Role if role in AREA_ROLES]


class Profile(models.Model):
    """The user's role and scope. A case worker and an area manager belong to one area; a TE
    officer to the TE office of one ELY area; an analyst sees aggregates only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    te_ely_code = models.CharField(
        max_length=2, blank=True, help_text="ELY area of a TE officer's TE office"
    )
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="fi")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=AREA_ROLES_IN_ORDER) | models.Q(area__isnull=False),
                name="area_roles_have_an_area",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.TE_OFFICER) | ~models.Q(te_ely_code=""),
                name="te_officers_have_an_ely_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"

    @property
    def sees_people(self) -> bool:
        """Whether the user may open client pages (the rule lives in ``kuntakokeilu.access``)."""
        from kuntakokeilu.access import can_see_people  # access imports this module

        return can_see_people(self.user)

    @property
    def reads_audit(self) -> bool:
        """Whether the user may use the data-protection view (the rule: ``access.can_audit``)."""
        from kuntakokeilu.access import can_audit

        return can_audit(self.user)


class LoginAttempt(models.Model):
    """A failed login, for throttling (kept 24 hours)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"failed login {self.at:%Y-%m-%d %H:%M}"
