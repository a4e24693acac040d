"""Coordinators' tools: survey rounds with translated questions, opening and closing, and the results."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from surveys import selectors, services
from surveys.enums import RoundState
from surveys.models import Question, SurveyRound


class QuestionInline(TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "text", "required"]

    def _draft(self, obj) -> bool:
        return obj is None or obj.state == RoundState.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


@admin.register(SurveyRound)
class SurveyRoundAdmin(TranslationAdmin):
    list_display = ["title", "state", "closes_at", "invited", "answered", "results_link"]
    list_filter = ["state"]
    search_fields = ["title"]
    inlines = [QuestionInline]
    actions = ["open_rounds", "close_rounds"]
    change_form_template = "admin/surveys/surveyround/change_form.html"
    fields = [
        "title",
        "introduction",
        "closes_at",
        "reminder_days_before",
        "state",
        "opened_at",
        "reminders_sent_at",
        "closed_at",
    ]
    readonly_fields = ["state", "opened_at", "reminders_sent_at", "closed_at"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited_count=Count("invitations__organisation", distinct=True),
                answered_count=Count("responses", distinct=True),
            )
        )

    @admin.display(description=_("organisations invited"), ordering="invited_count")
    def invited(self, obj):
        return obj.invited_count

    @admin.display(description=_("organisations answered"), ordering="answered_count")
    def answered(self, obj):
        return obj.answered_count

    @admin.display(description=_("results"))
    def results_link(self, obj):
        if obj.state == RoundState.DRAFT:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:surveys_surveyround_results", args=[obj.pk]),
            gettext("Results"),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.state != RoundState.DRAFT:
            fields += ["title", "introduction"] + [
                f"{name}_{code}" for name in ("title", "introduction") for code in ("fi", "sv", "en")
            ]
        return fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != RoundState.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    # --- Actions -------------------------------------------------------------------------

    def _run(self, request, queryset, service, done_message):
        if not self.has_change_permission(request):
            raise PermissionDenied
        for survey_round in queryset.order_by("id"):
            try:
                result = service(survey_round=survey_round, actor=request.user)
            except services.SurveyError as exc:
                self.message_user(request, f"{survey_round}: {exc.message}", level=messages.ERROR)
            else:
                self.message_user(request, done_message(survey_round, result))

    @admin.action(description=_("Open the survey and email the member organisations' contact persons"))
    def open_rounds(self, request, queryset):
        self._run(
            request,
            queryset,
            services.survey_round_open,
            lambda survey_round, sent: (
                ngettext(
                    "%(survey)s: opened, %(count)d invitation queued.",
                    "%(survey)s: opened, %(count)d invitations queued.",
                    sent,
                )
                % {"survey": survey_round, "count": sent}
            ),
        )

    @admin.action(description=_("Close the survey"))
    def close_rounds(self, request, queryset):
        self._run(
            request,
            queryset,
            services.survey_round_close,
            lambda survey_round, _result: gettext("%(survey)s: closed.") % {"survey": survey_round},
        )

    # --- Results -------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/results/", wrap(self.results_view), name="surveys_surveyround_results"),
            *super().get_urls(),
        ]

    def results_view(self, request, pk: int):
        survey_round = get_object_or_404(SurveyRound, pk=pk)
        if not self.has_view_permission(request, survey_round):
            raise PermissionDenied
        results = selectors.round_results(survey_round)
        return TemplateResponse(
            request,
            "admin/surveys/surveyround/results.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": survey_round,
                "survey": survey_round,
                "results": results,
                "title": gettext("Results: %(survey)s") % {"survey": survey_round},
            },
        )
