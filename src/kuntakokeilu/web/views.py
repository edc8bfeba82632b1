from django.shortcuts import redirect, render

from kuntakokeilu.access import can_audit, can_see_indicators, can_see_people


def home(request):
    """Where a user starts (also after signing in): the work list for those who work with
    clients, the monitoring overview for those who follow the figures (the ministry analyst),
    the data-protection view for the data-protection officer, the overview page for everyone
    else."""
    if can_see_people(request.user):
        return redirect("casework:work-list")
    if can_see_indicators(request.user):
        return redirect("dashboards:overview")
    if can_audit(request.user):
        return redirect("audit:client-search")
    return render(request, "home.html")
