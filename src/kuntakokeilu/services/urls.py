from django.urls import path

from kuntakokeilu.services import views

app_name = "services"
urlpatterns = [
    path("clients/<int:client_pk>/", views.client_services, name="client"),
    path("clients/<int:client_pk>/decisions/new/", views.decision_new, name="decision-new"),
    path("decisions/<int:pk>/cancel/", views.decision_cancel, name="decision-cancel"),
    path("clients/<int:client_pk>/job-offers/new/", views.job_offer_new, name="job-offer-new"),
    path("job-offers/<int:pk>/answer/", views.job_offer_answer, name="job-offer-answer"),
    path("job-offers/<int:pk>/report/", views.job_offer_report, name="job-offer-report"),
    path("clients/<int:client_pk>/reports/new/", views.report_new, name="report-new"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/status/", views.report_status, name="report-status"),
]
