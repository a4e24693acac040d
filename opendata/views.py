"""The human documentation page of the open data API."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from opendata import catalogue


@require_safe
def documentation(request):
    return render(
        request,
        "opendata/documentation.html",
        {"endpoints": catalogue.endpoints(), "common": catalogue.common_parameters()},
    )
