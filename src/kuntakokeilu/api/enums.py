"""Names for the choice sets in the OpenAPI schema (``SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]``
points here: several models have a ``kind`` or ``status`` of their own)."""

from kuntakokeilu.casework.models import Interview, Plan
from kuntakokeilu.services.models import DecisionStatus, ReportStatus, ServiceKind

INTERVIEW_KIND = Interview.Kind
PLAN_KIND = Plan.Kind
SERVICE_KIND = ServiceKind
DECISION_STATUS = DecisionStatus
REPORT_STATUS = ReportStatus
