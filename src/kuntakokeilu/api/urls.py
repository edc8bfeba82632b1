"""The REST API at /api/ (docs/casework-design.md): see ``api.views``; the OpenAPI schema at
/api/schema/ and its Swagger page at /api/docs/ (both for signed-in users)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import SimpleRouter

from kuntakokeilu.api import views

app_name = "api"

router = SimpleRouter()
router.register("clients", views.ClientViewSet, basename="client")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("service-decisions", views.DecisionViewSet, basename="service-decision")
router.register("job-offers", views.JobOfferViewSet, basename="job-offer")
router.register("te-reports", views.TeReportViewSet, basename="te-report")
router.register(
    "te-office-exceptions", views.TeOfficeExceptionViewSet, basename="te-office-exception"
)

#: The rows of one kind under a client: /api/clients/{client_pk}/<part>/ (URL name client-<part>).
CLIENT_PARTS = {
    "referral-events": views.ClientReferralEvents,
    "events": views.ClientEvents,
    "interviews": views.ClientInterviews,
    "service-needs-assessments": views.ClientAssessments,
    "plans": views.ClientPlans,
    "service-decisions": views.ClientDecisions,
    "job-offers": views.ClientJobOffers,
}

SIGNED_IN = {
    "authentication_classes": [SessionAuthentication],
    "permission_classes": [IsAuthenticated],
}

urlpatterns = [
    *(
        path(f"clients/<int:client_pk>/{part}/", view.as_view(), name=f"client-{part}")
        for part, view in CLIENT_PARTS.items()
    ),
    path("schema/", SpectacularAPIView.as_view(**SIGNED_IN), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", **SIGNED_IN),
        name="docs",
    ),
    *router.urls,
]
