"""The dashboard of the network's measures (staff with ``kpi.view_dashboard``) and its CSV export."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.csv_export import csv_response, dialect_from
from kpi import presentation, selectors

PERMISSION = "kpi.view_dashboard"


def _allowed(request) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return None


@never_cache
@require_safe
def dashboard(request):
    if (refused := _allowed(request)) is not None:
        return refused
    data = selectors.dashboard()
    return render(
        request,
        "kpi/dashboard.html",
        {
            "data": data,
            "figures": presentation.figures(data),
            "measure_charts": presentation.measure_charts(data),
            "funding_charts": presentation.funding_charts(data),
            "implementation_charts": presentation.implementation_charts(data),
        },
    )


@never_cache
@require_safe
def figures_csv(request):
    if (refused := _allowed(request)) is not None:
        return refused
    data = selectors.dashboard()
    # Labels include names people typed (events, use cases): formula-safe like every other export.
    return csv_response(
        rows=presentation.csv_rows(data),
        filename=f"dashboard-{data.today.isoformat()}.csv",
        dialect=dialect_from(request),
    )
