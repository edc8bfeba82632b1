import datetime as dt

from django.shortcuts import render
from django.views.decorators.http import require_GET

from kuntakokeilu.applications.models import Application as StoredApplication
from kuntakokeilu.applications.models import Waiver
from kuntakokeilu.reference import ReferenceError, reference_data
from kuntakokeilu.rules.applications import (
    Application,
    application_problems,
    assess_one,
    build_context,
    with_joined_areas,
)
from kuntakokeilu.rules.parameters import ParameterError
from kuntakokeilu.web.forms import DateForm

ROUND_2020 = dt.date(2020, 6, 30)


@require_GET
def assessment(request):
    """Every stored application assessed against the criteria on a date."""
    form = DateForm.from_query(request.GET, ROUND_2020)
    if not form.is_valid():
        return render(request, "applications/assessment.html", {"form": form}, status=400)
    try:
        rows = assessed(form.cleaned_data["on"])
    except (ReferenceError, ParameterError) as error:
        form.add_error("on", str(error))
        return render(request, "applications/assessment.html", {"form": form}, status=400)
    return render(request, "applications/assessment.html", {"form": form, "rows": rows})


def assessed(on: dt.date) -> list[dict]:
    stored = list(StoredApplication.objects.all())
    apps = with_joined_areas(
        [Application(a.application_id, tuple(a.codes), a.adds_to or None) for a in stored],
        reference_data(),
    )
    if problems := application_problems(apps, on, reference_data()):
        raise ReferenceError("; ".join(problems))
    ctx = build_context(apps, on, waivers=waivers())
    return [
        {"application": s, "results": assess_one(app, ctx)}
        for s, app in zip(stored, apps, strict=True)
    ]


def waivers() -> dict[tuple[str, str], str]:
    return {
        (w.application.application_id, w.criterion): w.reason
        for w in Waiver.objects.select_related("application")
    }
