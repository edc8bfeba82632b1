from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from kuntakokeilu.applications import views as applications
from kuntakokeilu.areas import views as areas
from kuntakokeilu.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/", areas.area_list, name="area-list"),
    path("applications/", applications.assessment, name="application-assessment"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("kuntakokeilu.accounts.urls")),
    path("audit/", include("kuntakokeilu.audit.urls")),
    path("quotas/", include("kuntakokeilu.quotas.urls")),
    path("api/", include("kuntakokeilu.api.urls")),
    path("services/", include("kuntakokeilu.services.urls")),
    path("monitoring/", include("kuntakokeilu.dashboards.urls")),
    path("", include("kuntakokeilu.casework.urls")),
    # The admin's own login would bypass the throttled login: send it to ours.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
]
