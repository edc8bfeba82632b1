from django.urls import path

from kuntakokeilu.dashboards import views

app_name = "dashboards"

CSV, XLSX = {"fmt": "csv"}, {"fmt": "xlsx"}

urlpatterns = [
    path("", views.overview, name="overview"),
    path("overview.csv", views.overview_export, CSV, name="overview-csv"),
    path("overview.xlsx", views.overview_export, XLSX, name="overview-xlsx"),
    path("definitions/", views.definitions, name="definitions"),
    path("definitions.csv", views.definitions_export, CSV, name="definitions-csv"),
    path("definitions.xlsx", views.definitions_export, XLSX, name="definitions-xlsx"),
    path("months/", views.months, name="months"),
    path("months/approve/", views.approve, name="approve"),
    path("months/reject/", views.reject, name="reject"),
    path("areas/<slug:area_id>/", views.area, name="area"),
    path("areas/<slug:area_id>/report/", views.report, name="report"),
    path("areas/<slug:area_id>/<slug:table>.csv", views.area_export, CSV, name="area-csv"),
    path("areas/<slug:area_id>/<slug:table>.xlsx", views.area_export, XLSX, name="area-xlsx"),
]
