import datetime as dt

import polars as pl
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kuntakokeilu.reference import ReferenceError, reference_data
from kuntakokeilu.web.forms import DateForm

FIRST_DAY = dt.date(2021, 3, 1)


@require_GET
def area_list(request):
    """The areas and their member municipalities on a date."""
    form = DateForm.from_query(request.GET, FIRST_DAY)
    if not form.is_valid():
        return render(request, "areas/area_list.html", {"form": form}, status=400)
    on = form.cleaned_data["on"]
    try:
        areas = areas_on(on, request.LANGUAGE_CODE)
    except ReferenceError as error:
        form.add_error("on", str(error))
        return render(request, "areas/area_list.html", {"form": form}, status=400)
    return render(request, "areas/area_list.html", {"form": form, "on": on, "areas": areas})


def areas_on(on: dt.date, language: str) -> list[dict]:
    """Each area valid on ``on``: its name, members (in ``language``), population and ELY area."""
    ref = reference_data()
    name = f"name_{language}" if language in ("fi", "sv", "en") else "name_fi"
    members = (
        ref.area_members(on)
        .join(ref.municipalities(on), on="code", how="left")
        .join(ref.population(on).drop("year"), on="code", how="left")
        .group_by("area_id", "area_name", "kind")
        .agg(
            pl.col(name).sort().alias("members"),
            pl.col("population").sum(),
            pl.col("ely_name_fi").unique().sort().alias("ely"),
        )
        .sort("area_name")
    )
    return members.to_dicts()
