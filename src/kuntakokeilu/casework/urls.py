from django.urls import path

from kuntakokeilu.casework import views

app_name = "casework"
urlpatterns = [
    path("work/", views.work_list, name="work-list"),
    path("clients/<int:pk>/", views.client_page, name="client"),
    path("clients/<int:pk>/interviews/new/", views.record_interview, name="record-interview"),
    path(
        "clients/<int:pk>/service-needs/new/",
        views.assess_service_needs,
        name="assess-service-needs",
    ),
    path("clients/<int:pk>/plans/new/", views.make_plan, name="make-plan"),
    path("clients/<int:pk>/plans/<int:plan_pk>/", views.plan_history, name="plan"),
    path("clients/<int:pk>/plans/<int:plan_pk>/update/", views.update_plan, name="update-plan"),
    path("clients/<int:pk>/case-worker/", views.assign_case_worker, name="assign-case-worker"),
]
