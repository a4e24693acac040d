"""The public list of funded projects, and its JSON and CSV export (owned by the outputs work)."""

from django.http import Http404


def funded_projects(request):
    raise Http404


def funded_projects_json(request):
    raise Http404


def funded_projects_csv(request):
    raise Http404
