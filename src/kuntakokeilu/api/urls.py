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

SIGNED_IN = {
    "authentication_classes": [SessionAuthentication],
    "permission_classes": [IsAuthenticated],
}

urlpatterns = [
    path("clients/<int:client_pk>/events/", views.ClientEvents.as_view(), name="client-events"),
    path(
        "clients/<int:client_pk>/interviews/",
        views.ClientInterviews.as_view(),
        name="client-interviews",
    ),
    path("clients/<int:client_pk>/plans/", views.ClientPlans.as_view(), name="client-plans"),
    path(
        "clients/<int:client_pk>/service-decisions/",
        views.ClientDecisions.as_view(),
        name="client-service-decisions",
    ),
    path(
        "clients/<int:client_pk>/job-offers/",
        views.ClientJobOffers.as_view(),
        name="client-job-offers",
    ),
    path("schema/", SpectacularAPIView.as_view(**SIGNED_IN), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", **SIGNED_IN),
        name="docs",
    ),
    *router.urls,
]
