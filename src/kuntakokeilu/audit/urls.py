from django.urls import path

from kuntakokeilu.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.client_search, name="client-search"),
    path("clients/<int:pk>/", views.client_log, name="client-log"),
    path("clients/<int:pk>/purposes/", views.client_purposes, name="client-purposes"),
    path("clients/<int:pk>/export.json", views.client_export, name="client-export"),
]
