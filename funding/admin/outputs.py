"""What the review produces for people outside it: decision letters, statistics (owned by the outputs work).

``urls(model_admin)`` returns extra admin URLs registered under the application admin;
``ACTIONS`` are admin actions added to the application list.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from funding.formatting import format_money
from funding.models import Application, FundingCall
from funding.selectors import statistics
from funding.services import FundingError, letters

LETTER_PERMISSIONS = ("funding.send_decision_letters", "funding.confirm_decision")


# --- Actions ---------------------------------------------------------------------------------------


@admin.action(description=_("Send decision letters"), permissions=["send_decision_letters"])
def send_decision_letters(model_admin, request, queryset):
    if not request.user.has_perm("funding.send_decision_letters"):
        model_admin.message_user(
            request, gettext("You do not have permission to send decision letters."), messages.ERROR
        )
        return None
    ids = list(queryset.values_list("pk", flat=True))
    sent = letters.decision_letters_send(applications=ids, actor=request.user)
    skipped = len(ids) - sent
    text = ngettext("%(count)d decision letter was sent.", "%(count)d decision letters were sent.", sent) % {
        "count": sent
    }
    if skipped:
        text += " " + ngettext(
            "%(count)d application was skipped: no released decision, or its letter was sent already.",
            "%(count)d applications were skipped: no released decision, or their letters were sent already.",
            skipped,
        ) % {"count": skipped}
    model_admin.message_user(request, text, messages.SUCCESS if sent else messages.WARNING)
    return None


ACTIONS: list = [send_decision_letters]


# --- Views -----------------------------------------------------------------------------------------


def decision_letter_view(model_admin, request, pk: int):
    """The decision letter of one application as a PDF, before or after it is sent (a pending decision
    is shown marked as a draft, so a decision-maker can read it before confirming)."""
    if not any(request.user.has_perm(p) for p in LETTER_PERMISSIONS):
        raise PermissionDenied
    application = get_object_or_404(Application.objects.select_related("call", "organisation"), pk=pk)
    decision = letters.decision_for_letter(application, include_pending=True)
    if decision is None:
        raise Http404(gettext("The application has no decision for a letter."))
    try:
        pdf = letters.decision_letter_pdf(application, decision)
    except FundingError as exc:
        messages.error(request, exc.message)
        return redirect("admin:funding_application_change", application.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = letters.letter_filename(application, language=application.language)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _selected_call(request) -> FundingCall | None:
    value = request.GET.get("call", "")
    if not value:
        return None
    try:
        return FundingCall.objects.get(pk=int(value))
    except (ValueError, FundingCall.DoesNotExist):
        raise Http404 from None


def statistics_view(model_admin, request):
    """Applications and requested funding per use case and per welfare region, as tables with charts."""
    if not request.user.has_perm("funding.view_ranking"):
        raise PermissionDenied
    from core.charts import bar_chart

    call = _selected_call(request)
    figures = statistics.application_statistics(call=call)
    dimensions = []
    for key, title, rows in (
        ("use-case", gettext("By use case"), figures.by_use_case),
        ("region", gettext("By welfare region of the lead applicant"), figures.by_region),
    ):
        table = [(row, row.share_of(figures.total)) for row in rows]
        charts = [
            bar_chart(
                title=gettext("%(title)s: applications") % {"title": title},
                rows=[(row.label, row.applications) for row in rows],
                value_label=gettext("Applications"),
            ),
            bar_chart(
                title=gettext("%(title)s: funding requested") % {"title": title},
                rows=[(row.label, row.requested) for row in rows],
                value_label=gettext("Funding requested"),
                fmt=format_money,
            ),
        ]
        dimensions.append({"key": key, "title": title, "table": table, "charts": charts})
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Statistics of the applications"),
        "subtitle": call.title if call else gettext("All calls"),
        "figures": figures,
        "calls": list(statistics.statistics_calls()),
        "selected_call": call,
        "dimensions": dimensions,
    }
    return TemplateResponse(request, "admin/funding/statistics.html", context)


def urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view
    return [
        path(
            "statistics/",
            wrap(lambda request: statistics_view(model_admin, request)),
            name="funding_statistics",
        ),
        path(
            "<int:pk>/decision-letter/",
            wrap(lambda request, pk: decision_letter_view(model_admin, request, pk)),
            name="funding_application_decision_letter",
        ),
    ]
