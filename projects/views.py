"""Public project pages, and the project contact's pages for filling and submitting reports."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core import public_cache
from funding.formatting import format_money
from projects import selectors, services
from projects.forms import report_data, report_forms
from projects.services import ProjectError

PROJECTS_PER_PAGE = 20


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,2}")


@require_safe
def project_list(request):
    text = request.GET.get("q", "")[:200].strip()
    # Without a search the cards are the same for every visitor: kept in the public pages' cache
    # (core.public_cache), renewed when a project, its application or its organisation changes.
    page_number = request.GET.get("page", "1")
    cacheable = not text and set(request.GET) <= {"page"} and PAGE_NUMBER.fullmatch(page_number)
    content = public_cache.cached(
        "projects", (page_number,) if cacheable else None, lambda: (_list_content(request, text), None)
    )
    return render(request, "projects/project_list.html", {"content": content, "text": text})


def _list_content(request, text: str):
    cards = selectors.published_project_cards(query=text)
    page = Paginator(cards, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode({"q": text}) if text else ""
    return render_to_string("projects/_project_list.html", {"page_obj": page, "text": text, "query": query})


@require_safe
def project_detail(request, slug: str):
    project = selectors.published_project_get(slug=slug)
    if project is None:
        raise Http404
    return render(request, "projects/project_detail.html", {"project": project})


# --- The project contact's pages -------------------------------------------------------------------


@require_safe
@login_required
@never_cache
def my_projects(request):
    return render(
        request,
        "projects/my_projects.html",
        {"projects": list(selectors.projects_for_user(user=request.user))},
    )


@require_safe
@login_required
@never_cache
def my_project(request, pk: int):
    project = selectors.project_get_for_user(user=request.user, pk=pk)
    if project is None:
        raise Http404
    return render(request, "projects/my_project.html", {"project": project})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@never_cache
def report(request, pk: int):
    report = selectors.report_get_for_user(user=request.user, pk=pk)
    if report is None:
        raise Http404
    content = selectors.report_content(report)
    if request.method == "POST" and report.is_editable:
        forms_ = report_forms(report=report, content=content, data=request.POST)
        valid = all(f.is_valid() for f in forms_.values())
        # The rows must be the project's own milestones and budget lines, all of them, in order.
        milestones = [f.cleaned_data.get("milestone") for f in forms_["progress"]] if valid else []
        lines = [f.cleaned_data.get("budget_line") for f in forms_["costs"]] if valid else []
        if valid and (
            milestones != [m.pk for m in content.milestones] or lines != [b.pk for b in content.budget_lines]
        ):
            forms_["form"].add_error(
                None, _("The report changed while you were editing it. Check it and save again.")
            )
            valid = False
        if valid:
            try:
                services.report_save(report=report, actor=request.user, **report_data(forms_))
            except ProjectError as exc:
                forms_["form"].add_error("funding_used" if exc.code == "funding_share" else None, exc.message)
            else:
                if request.POST.get("action") == "submit":
                    try:
                        services.report_submit(report=report, actor=request.user)
                    except ProjectError as exc:
                        messages.error(
                            request, _("The report was saved but not submitted.") + " " + exc.message
                        )
                    else:
                        messages.success(request, _("The report was submitted to the coordinators."))
                else:
                    messages.success(request, _("The report was saved."))
                return redirect("projects:report", pk=report.pk)
        return _report_page(request, report, content, forms_, status=400)
    forms_ = report_forms(report=report, content=content) if report.is_editable else None
    return _report_page(request, report, content, forms_)


def _report_page(request, report, content, forms_, status: int = 200):
    project = report.project
    rows = []
    for line in content.budget_lines:
        rows.append({"line": line, "amount": content.costs.get(line.pk)})
    return render(
        request,
        "projects/report.html",
        {
            "report": report,
            "project": project,
            "content": content,
            "forms": forms_,
            "progress_rows": list(zip(content.milestones, forms_["progress"].forms, strict=False))
            if forms_
            else [],
            "cost_rows": list(zip(content.budget_lines, forms_["costs"].forms, strict=False))
            if forms_
            else rows,
            "saved_progress": [(m, content.progress.get(m.pk)) for m in content.milestones],
            "missing": services.report_missing(report) if report.is_editable else [],
            "granted": format_money(project.granted_amount),
        },
        status=status,
    )
