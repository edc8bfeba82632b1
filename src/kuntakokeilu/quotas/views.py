"""The area manager's quota pages: the area's quotas and their use, and adjusting a cap."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuntakokeilu.access import can_manage_area, get_quota, visible_quotas
from kuntakokeilu.quotas.actions import adjust
from kuntakokeilu.quotas.forms import AdjustForm


@login_required
@require_GET
def quota_list(request):
    """The quotas of the user's area (an administrator: of every area), with their use."""
    if not can_manage_area(request.user):
        raise Http404("no quotas here")
    quotas = visible_quotas(request.user).select_related("area")
    return render(request, "quotas/quota_list.html", {"quotas": quotas})


@login_required
@require_http_methods(["GET", "POST"])
def quota_adjust(request, pk):
    """Change a quota's caps, with a reason; errors are shown on their fields, nothing saved."""
    quota = get_quota(request.user, pk)
    if request.method == "GET":
        return _adjust_page(request, quota, AdjustForm.for_quota(quota))
    form = AdjustForm(request.POST, quota=quota)
    if form.is_valid():
        try:
            adjust(quota, **form.cleaned_data, by=request.user, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The quota was changed."))
            return redirect("quotas:list")
    return _adjust_page(request, quota, form, status=400)


def _adjust_page(request, quota, form, status=200):
    adjustments = quota.adjustments.select_related("adjusted_by").order_by("-at", "-pk")
    context = {"quota": quota, "form": form, "adjustments": adjustments}
    return render(request, "quotas/quota_adjust.html", context, status=status)
