"""The public list of funded projects, and its JSON and CSV export (owned by the outputs work).

Only funded applications of calls whose decisions have been announced are shown, and of them only what
the ministry publishes: the project, the lead applicant, the partners' names, the use case, the granted
amount and the summary. Nothing about people, budgets or the review.
"""

from __future__ import annotations

import json

from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from core import public_cache
from core.csv_export import csv_response, dialect_from
from funding import selectors
from funding.models import FundingCall

#: The cache group of the funded projects (core.public_cache); see core.signals for what invalidates it.
CACHE_GROUP = "funded_projects"

#: The fields of the JSON and CSV exports, in this order. Documented on the page; keep them stable.
FIELDS = (
    "call",
    "call_title",
    "decisions_announced",
    "project",
    "lead_applicant",
    "partners",
    "use_case",
    "use_case_label",
    "granted_amount",
    "currency",
    "summary",
    "language",
)


def _next_announcement(now):
    """When the next published call's decisions become public (None: none ahead)."""
    return (
        FundingCall.objects.filter(published=True, decisions_announced_at__gt=now)
        .aggregate(first=Min("decisions_announced_at"))
        .get("first")
    )


def _record(application) -> dict:
    call = application.call
    return {
        "call": call.slug,
        "call_title": call.title,
        "decisions_announced": timezone.localtime(call.decisions_announced_at).date().isoformat(),
        "project": application.project_name,
        "lead_applicant": application.organisation.name,
        "partners": [partner.name for partner in application.partners.all()],
        "use_case": application.use_case,
        "use_case_label": application.get_use_case_display() if application.use_case else "",
        "granted_amount": f"{application.granted_amount:.2f}"
        if application.granted_amount is not None
        else None,
        "currency": "EUR",
        "summary": application.summary,
        "language": application.language,
    }


def _records() -> tuple[list[dict], object]:
    """The export records in the active language (two queries), and when they change by themselves."""
    now = timezone.now()
    records = [_record(a) for a in selectors.funded_projects_public(now=now)]
    return records, _next_announcement(now)


def _page_content() -> tuple[str, object]:
    """The list rendered without the request (nothing personal), grouped by call."""
    now = timezone.now()
    applications = list(selectors.funded_projects_public(now=now))
    by_call: dict[int, list] = {}
    for application in applications:  # ordered by call, so the calls keep their order
        by_call.setdefault(application.call_id, []).append(application)
    calls = [
        {
            "call": projects[0].call,
            "projects": projects,
            "granted": sum((p.granted_amount or 0 for p in projects), 0),
        }
        for projects in by_call.values()
    ]
    html = render_to_string("funding/_funded_projects_list.html", {"calls": calls, "fields": FIELDS})
    return html, _next_announcement(now)


@require_safe
def funded_projects(request):
    content = public_cache.cached(CACHE_GROUP, ("page",), _page_content)
    return render(request, "funding/funded_projects.html", {"content": content, "fields": FIELDS})


@require_safe
def funded_projects_json(request):
    records = public_cache.cached(CACHE_GROUP, ("records",), _records)
    body = json.dumps(
        {"count": len(records), "fields": list(FIELDS), "projects": records}, ensure_ascii=False
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def funded_projects_csv(request):
    records = public_cache.cached(CACHE_GROUP, ("records",), _records)
    rows = []
    for record in records:
        row = {**record, "partners": "; ".join(record["partners"])}
        rows.append([row[field] for field in FIELDS])
    response = csv_response(
        header=FIELDS, rows=rows, filename="funded-projects.csv", dialect=dialect_from(request)
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
