"""The steering group's review in the admin: eligibility, reviewers, reviews, ranking, decisions.

Every page and action checks the role's permission here and the service checks it again.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from core.csv_export import dialect_from
from funding import exports
from funding.admin.reviewing import labelled_changes
from funding.admin.summary import DecisionOutcomeFilter, DecisionSummaryMixin
from funding.enums import ApplicationStatus, DecisionStatus, coordinator_moves, decision_outcomes
from funding.formatting import format_money
from funding.forms import (
    AssignReviewersForm,
    ConflictForm,
    DecisionForm,
    EligibilityForm,
    InformationRequestForm,
    MoveForm,
)
from funding.models import Application, Criterion, FundingCall, Review
from funding.selectors import review as review_selectors
from funding.services import FundingError
from funding.services import review as review_services

S = ApplicationStatus


def _perm(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class ReviewAdminMixin:
    """Pages and actions of the review, mixed into the application admin."""

    change_form_template = "admin/funding/application/change_form.html"

    # --- What a person sees ---------------------------------------------------------------------

    def get_queryset(self, request):
        return review_selectors.applications_visible_to(request.user, super().get_queryset(request))

    def review_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("ranking/", wrap(self.ranking_view), name="funding_ranking"),
            path("ranking/<int:call_pk>/ranking.<str:kind>", wrap(self.export_view), name="funding_export"),
            path("assign/", wrap(self.assign_view), name="funding_assign"),
            path("<int:pk>/eligibility/", wrap(self.eligibility_view), name="funding_eligibility"),
            path("<int:pk>/conflict/", wrap(self.conflict_view), name="funding_conflict"),
            path("<int:pk>/information/", wrap(self.information_view), name="funding_information"),
            path("<int:pk>/decision/", wrap(self.decision_view), name="funding_decision"),
            path("<int:pk>/move/", wrap(self.move_view), name="funding_move"),
        ]

    def _application(self, request, pk: int) -> Application:
        _perm(request, "funding.view_application")
        queryset = self.get_queryset(request).select_related("call", "organisation")
        return get_object_or_404(queryset, pk=pk)

    def _context(self, request, application: Application | None, title: str, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": application,
            "application": application,
            "title": title,
            **extra,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        # get_object() turns an id that is not a number (a NUL byte, letters) into "not found".
        application = self.get_object(request, unquote(object_id))
        if application is not None:
            user = request.user
            own = Review.objects.filter(application=application, reviewer=user).first()
            extra_context.update(
                {
                    "history": review_selectors.application_history(application),
                    "visible_reviews": review_selectors.reviews_visible_to(
                        application=application, user=user
                    ),
                    "own_review": own,
                    "changes_since_review": labelled_changes(
                        application,
                        review_selectors.changes_since(
                            application=application, version=own.application_version
                        )
                        if own is not None and own.is_submitted
                        else [],
                    ),
                    "assignments": list(application.assignments.select_related("reviewer")),
                    "conflicts": (
                        list(application.conflicts.select_related("reviewer"))
                        if review_selectors.sees_everything(user)
                        else []
                    ),
                    "decisions": (
                        list(application.decisions.select_related("proposed_by", "confirmed_by"))
                        if user.has_perm("funding.view_decision")
                        else []
                    ),
                    "information_requests": list(application.information_requests.prefetch_related("files")),
                    "may_open_files": review_selectors.may_open_attachments(user, application),
                    "can": review_selectors.review_steps(application=application, user=user, own_review=own),
                }
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # --- Actions --------------------------------------------------------------------------------

    @admin.action(description=_("Mark as eligible"), permissions=["check_eligibility"])
    def mark_eligible(self, request, queryset):
        done = 0
        for application in queryset.filter(status=S.SUBMITTED):
            try:
                review_services.application_check_eligibility(
                    application=application, actor=request.user, eligible=True
                )
            except FundingError as exc:
                self.message_user(request, f"{application}: {exc.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d application marked eligible.", "%(count)d applications marked eligible.", done
            )
            % {"count": done},
        )

    @admin.action(description=_("Assign reviewers"), permissions=["assign_reviewers"])
    def assign_reviewers(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse('admin:funding_assign')}?ids={ids}")

    def has_check_eligibility_permission(self, request):
        return request.user.has_perm("funding.check_eligibility")

    def has_send_decision_letters_permission(self, request):
        return request.user.has_perm("funding.send_decision_letters")

    def has_assign_reviewers_permission(self, request):
        return request.user.has_perm("funding.assign_reviewers")

    # --- Pages ----------------------------------------------------------------------------------

    def assign_view(self, request):
        _perm(request, "funding.assign_reviewers")
        raw = request.POST.get("ids") or request.GET.get("ids") or ""
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()][:500]
        applications = list(self.get_queryset(request).filter(pk__in=ids).select_related("organisation"))
        if not applications:
            self.message_user(request, gettext("Choose the applications first."), messages.WARNING)
            return redirect("admin:funding_application_changelist")
        form = AssignReviewersForm(
            request.POST if "reviewers" in request.POST or request.method == "POST" else None,
            reviewers=review_selectors.steering_members(),
        )
        if request.method == "POST" and form.is_valid():
            try:
                result = review_services.reviewer_assign(
                    applications=applications,
                    reviewers=list(form.cleaned_data["reviewers"]),
                    actor=request.user,
                )
            except FundingError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d reviewer assignment made.",
                        "%(count)d reviewer assignments made.",
                        len(result.assigned),
                    )
                    % {"count": len(result.assigned)},
                )
                for application, reviewer in result.conflicted:
                    self.message_user(
                        request,
                        gettext(
                            "%(person)s has a conflict of interest with “%(application)s” "
                            "and was not assigned."
                        )
                        % {"person": reviewer.get_full_name() or reviewer.email, "application": application},
                        messages.WARNING,
                    )
                return redirect("admin:funding_application_changelist")
        return TemplateResponse(
            request,
            "admin/funding/application/assign.html",
            self._context(
                request,
                None,
                gettext("Assign reviewers"),
                form=form,
                applications=applications,
                ids=",".join(map(str, ids)),
            ),
        )

    def _step(self, request, application, form, *, title: str, done: str, perform, warning="", then=None):
        """A one-form step on an application: validate, call one service, report back."""
        if request.method == "POST" and form.is_valid():
            try:
                perform(form.cleaned_data)
            except FundingError as exc:
                form.add_error(None, exc.message)
            else:
                self.message_user(request, done)
                return redirect(then or reverse("admin:funding_application_change", args=[application.pk]))
        return TemplateResponse(
            request,
            "admin/funding/application/step.html",
            self._context(request, application, title % {"name": application}, form=form, warning=warning),
        )

    def eligibility_view(self, request, pk: int):
        _perm(request, "funding.check_eligibility")
        application = self._application(request, pk)
        return self._step(
            request,
            application,
            EligibilityForm(request.POST or None),
            title=gettext("Eligibility: %(name)s"),
            done=gettext("The eligibility has been recorded."),
            perform=lambda data: review_services.application_check_eligibility(
                application=application, actor=request.user, eligible=data["eligible"], reason=data["reason"]
            ),
        )

    def conflict_view(self, request, pk: int):
        _perm(request, "funding.review_application")
        application = self._application(request, pk)
        return self._step(
            request,
            application,
            ConflictForm(request.POST or None),
            title=gettext("Declare a conflict of interest: %(name)s"),
            done=gettext(
                "Your conflict of interest has been recorded. The application is no longer shown to you."
            ),
            perform=lambda data: review_services.conflict_declare(
                application=application, actor=request.user, reason=data["reason"]
            ),
            warning=gettext(
                "After this you can no longer see this application, its reviews or its scores, "
                "and you cannot review it."
            ),
            then=reverse("admin:funding_application_changelist"),
        )

    def information_view(self, request, pk: int):
        _perm(request, "funding.change_application")
        application = self._application(request, pk)
        return self._step(
            request,
            application,
            InformationRequestForm(request.POST or None),
            title=gettext("Ask for more information: %(name)s"),
            done=gettext("The applicant has been asked for more information by email."),
            perform=lambda data: review_services.information_request_create(
                application=application,
                actor=request.user,
                message=data["message"],
                answer_due=data["answer_due"],
            ),
        )

    def decision_view(self, request, pk: int):
        _perm(request, "funding.record_decision")
        application = self._application(request, pk)
        outcomes = [(status, S(status).label) for status in decision_outcomes(application.status)]
        return self._step(
            request,
            application,
            DecisionForm(request.POST or None, outcomes=outcomes, language=application.language),
            title=gettext("Record a decision: %(name)s"),
            done=gettext("The decision has been recorded. It waits for the decision-maker's confirmation."),
            perform=lambda data: review_services.decision_record(
                application=application,
                actor=request.user,
                outcome=data["outcome"],
                granted_amount=data.get("granted_amount"),
                note=data["note"],
                grounds=data["grounds"],
            ),
        )

    def move_view(self, request, pk: int):
        _perm(request, "funding.change_application")
        application = self._application(request, pk)
        statuses = [(status, S(status).label) for status in coordinator_moves(application.status)]
        return self._step(
            request,
            application,
            MoveForm(request.POST or None, statuses=statuses),
            title=gettext("Change the status: %(name)s"),
            done=gettext("The application has been moved."),
            perform=lambda data: review_services.application_move(
                application=application, actor=request.user, new_status=data["new_status"], note=data["note"]
            ),
        )

    def ranking_view(self, request):
        _perm(request, "funding.view_ranking")
        calls = list(FundingCall.objects.order_by("-opens_at"))
        if not calls:
            raise Http404
        selected = next((c for c in calls if str(c.pk) == request.GET.get("call")), calls[0])
        ranking = review_selectors.call_ranking(call=selected, viewer=request.user)
        return TemplateResponse(
            request,
            "admin/funding/application/ranking.html",
            self._context(
                request,
                None,
                gettext("Ranking: %(call)s") % {"call": selected},
                calls=calls,
                selected=selected,
                ranking=ranking,
                can_export=request.user.has_perm("funding.export_applications"),
                export_links=[
                    {"url": reverse("admin:funding_export", args=[selected.pk, kind]) + query, "label": label}
                    for kind, query, label in (
                        ("csv", "", gettext("Scores as CSV")),
                        ("csv", "?dialect=excel-fi", gettext("Scores as CSV for Excel")),
                        ("xlsx", "", gettext("Scores as XLSX")),
                        ("pdf", "", gettext("All eligible applications as one PDF")),
                    )
                ],
            ),
        )

    def export_view(self, request, call_pk: int, kind: str):
        _perm(request, "funding.export_applications")
        call = get_object_or_404(FundingCall, pk=call_pk)
        if kind == "csv":
            content = exports.ranking_csv(call=call, viewer=request.user, dialect=dialect_from(request))
            mimetype = "text/csv; charset=utf-8"
        elif kind == "xlsx":
            content = exports.ranking_xlsx(call=call, viewer=request.user)
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        elif kind == "pdf":
            language = (request.LANGUAGE_CODE or "fi")[:2]
            content = exports.ranking_bundle_pdf(call=call, viewer=request.user, language=language)
            mimetype = "application/pdf"
        else:
            raise Http404
        response = HttpResponse(content, content_type=mimetype)
        response["Content-Disposition"] = f'attachment; filename="ranking-{call.slug}.{kind}"'
        return response


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0
    fields = [
        "order",
        "name",
        "description",
        "score_meanings",
        "scale_min",
        "scale_max",
        "weight",
        "required",
        "allow_not_applicable",
    ]


class DecisionAdmin(DecisionSummaryMixin, admin.ModelAdmin):
    change_list_template = "admin/funding/decision/change_list.html"
    list_display = [
        "application",
        "outcome",
        "amount",
        "status",
        "proposed_by",
        "proposed_at",
        "confirmed_by",
    ]
    list_filter = ["status", DecisionOutcomeFilter, "application__call"]
    list_select_related = ["application", "proposed_by", "confirmed_by"]
    actions = ["confirm", "cancel"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def get_urls(self):
        return self.summary_urls() + super().get_urls()

    @admin.display(description=_("funding granted"), ordering="granted_amount")
    def amount(self, obj):
        return format_money(obj.granted_amount) if obj.granted_amount is not None else "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_confirm_decision_permission(self, request):
        return request.user.has_perm("funding.confirm_decision")

    def has_record_decision_permission(self, request):
        return request.user.has_perm("funding.record_decision") or request.user.has_perm(
            "funding.confirm_decision"
        )

    @admin.action(
        description=_("Confirm and release the selected decisions"), permissions=["confirm_decision"]
    )
    def confirm(self, request, queryset):
        done = 0
        for decision in queryset.filter(status=DecisionStatus.PENDING):
            try:
                review_services.decision_confirm(decision=decision, actor=request.user)
            except FundingError as exc:
                self.message_user(request, f"{decision}: {exc.message}", messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d decision confirmed and released.",
                "%(count)d decisions confirmed and released.",
                done,
            )
            % {"count": done},
        )

    @admin.action(description=_("Cancel the selected pending decisions"), permissions=["record_decision"])
    def cancel(self, request, queryset):
        done = 0
        for decision in queryset.filter(status=DecisionStatus.PENDING):
            review_services.decision_cancel(decision=decision, actor=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d decision cancelled.", "%(count)d decisions cancelled.", done)
            % {"count": done},
        )
