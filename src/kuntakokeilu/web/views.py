from django.shortcuts import redirect, render

from kuntakokeilu.access import can_see_people


def home(request):
    """The work list for those who work with clients; the overview page for everyone else."""
    if can_see_people(request.user):
        return redirect("casework:work-list")
    return render(request, "home.html")
