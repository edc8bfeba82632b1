from django.urls import path

from kuntakokeilu.quotas import views

app_name = "quotas"
urlpatterns = [
    path("", views.quota_list, name="list"),
    path("<int:pk>/adjust/", views.quota_adjust, name="adjust"),
]
