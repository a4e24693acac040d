"""The decision-maker's summary: one page per call with every proposed decision, the totals against the
budget, and "confirm all" / "confirm selected" (each confirmation through ``decision_confirm``, audited)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from funding.enums import DECISION_OUTCOMES, ApplicationStatus
from funding.models import FundingCall
from funding.selectors.decisions import decision_summary
from funding.services import FundingError
from funding.services import review as review_services


class DecisionOutcomeFilter(admin.SimpleListFilter):
    """Only the outcomes a decision can have, not every status of an application."""

    title = _("decision")
    parameter_name = "outcome__exact"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label in ApplicationStatus.choices if value in DECISION_OUTCOMES]

    def queryset(self, request, queryset):
        return queryset.filter(outcome=self.value()) if self.value() else queryset


class DecisionSummaryMixin:
    """Mixed into the decision admin."""

    def summary_urls(self):
        return [
            path("summary/", self.admin_site.admin_view(self.summary_view), name="funding_decision_summary"),
        ]

    def summary_view(self, request):
        if not request.user.has_perm("funding.view_decision"):
            raise PermissionDenied
        calls = list(FundingCall.objects.order_by("-opens_at", "-id"))
        if not calls:
            raise Http404
        wanted = request.POST.get("call") or request.GET.get("call")
        call = next((c for c in calls if str(c.pk) == wanted), calls[0])
        if request.method == "POST":
            return self._confirm(request, call)
        summary = decision_summary(call=call, viewer=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Decisions to confirm: %(call)s") % {"call": call},
            "calls": calls,
            "selected": call,
            "summary": summary,
            "can_confirm": request.user.has_perm("funding.confirm_decision"),
        }
        return TemplateResponse(request, "admin/funding/decision/summary.html", context)

    def _confirm(self, request, call):
        if not request.user.has_perm("funding.confirm_decision"):
            raise PermissionDenied
        pending = {
            row.decision.pk: row.decision for row in decision_summary(call=call, viewer=request.user).pending
        }
        if request.POST.get("action") == "confirm_all":
            chosen = list(pending.values())
        else:
            wanted = {int(value) for value in request.POST.getlist("decision") if value.isdigit()}
            chosen = [decision for pk, decision in pending.items() if pk in wanted]
        if not chosen:
            self.message_user(request, gettext("Choose the decisions to confirm first."), messages.WARNING)
        done = 0
        for decision in chosen:
            try:
                review_services.decision_confirm(decision=decision, actor=request.user)
            except FundingError as exc:
                self.message_user(request, f"{decision}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d decision confirmed and released.",
                    "%(count)d decisions confirmed and released.",
                    done,
                )
                % {"count": done},
            )
        return redirect(f"{reverse('admin:funding_decision_summary')}?call={call.pk}")
