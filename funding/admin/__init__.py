"""Coordinators configure the calls here and see the applications (read-only: they are the applicants')."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from core.admin import ServiceOwnedRecord
from funding.admin import outputs
from funding.admin.call_forms import FormSectionInline
from funding.admin.criteria import CriteriaCopyMixin
from funding.admin.queue import ReviewerQueueMixin
from funding.admin.review import CriterionInline, DecisionAdmin, ReviewAdminMixin
from funding.admin.reviewing import ReviewPageMixin
from funding.enums import UseCase
from funding.formatting import format_money
from funding.models import (
    Application,
    Attachment,
    BudgetLine,
    CallDocument,
    CallQuestion,
    Criterion,
    Decision,
    FundingCall,
    Partner,
)
from funding.services import FundingError
from funding.services import forms as form_services
from funding.services import review as review_services


class CallDocumentInline(TranslationTabularInline):
    model = CallDocument
    extra = 0
    fields = ["order", "title", "file"]


class CallQuestionInline(TranslationTabularInline):
    model = CallQuestion
    extra = 0
    fields = ["order", "question", "answer"]


class CriteriaFormSet(BaseInlineFormSet):
    """The call's criteria: refused as a whole, with the reason, once the first review is submitted."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        changed = any(form.has_changed() for form in self.forms)
        if changed:
            reason = review_services.criteria_frozen_reason(call=self.instance)
            if reason:
                raise ValidationError(reason, code="criteria_frozen")


class CallCriterionInline(CriterionInline):
    formset = CriteriaFormSet


DEFAULT_SOURCE = "default"


class FundingCallForm(forms.ModelForm):
    use_cases = forms.TypedMultipleChoiceField(
        label=_("use cases"), choices=UseCase.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    form_source = forms.ChoiceField(
        label=_("copy the application form from"),
        required=False,
        help_text=_(
            "Replaces this call's application form with a copy, to be edited below before the call opens. "
            "The form can be changed until the call opens or the first application is started."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = FundingCall.objects.exclude(pk=self.instance.pk).order_by("-opens_at")
        self.fields["form_source"].choices = [
            ("", "—"),
            (DEFAULT_SOURCE, _("The built-in template (the 2024 call's sections)")),
            *((str(call.pk), call.title) for call in others),
        ]

    def source(self):
        """The call to copy the form from, None for the built-in template (only when one was chosen)."""
        value = self.cleaned_data.get("form_source")
        return None if value == DEFAULT_SOURCE else FundingCall.objects.get(pk=value)

    def clean(self):
        data = super().clean()
        chosen = data.get("form_source")
        if chosen and self.instance.pk is not None and form_services.call_form_frozen(self.instance):
            self.add_error("form_source", form_services.form_frozen_error(self.instance).message)
            return data
        if data.get("published"):
            if chosen:
                source = self.source()
                problems = [] if source is None else form_services.call_form_problems(source)
            elif self.instance.pk is not None:
                problems = form_services.call_form_problems(self.instance)
            else:
                problems = [gettext("The call has no application form: copy one from the template.")]
            if problems:
                raise ValidationError(
                    [gettext("The call cannot be published before its application form is complete:")]
                    + problems
                )
        return data

    class Meta:
        model = FundingCall
        fields = [
            "title",
            "slug",
            "published",
            "summary",
            "description",
            "process",
            "opens_at",
            "closes_at",
            "budget_min",
            "budget_max",
            "projects_min",
            "projects_max",
            "max_share",
            "earliest_cost_date",
            "latest_cost_date",
            "eligible_organisations",
            "use_cases",
            "review_deadline",
            "review_reminder_days",
            "decision_conditions",
            "decision_reporting",
            "report_interim_due",
            "report_final_due",
            "payment_terms",
            "decider_name",
            "decider_title",
            "form_source",
        ]


@admin.register(FundingCall)
class FundingCallAdmin(CriteriaCopyMixin, TranslationAdmin):
    form = FundingCallForm
    list_display = ["title", "opens_at", "closes_at", "published", "application_count"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ("title_fi",)}
    filter_horizontal = ["eligible_organisations"]
    inlines = [CallDocumentInline, CallQuestionInline, FormSectionInline, CallCriterionInline]
    actions = ["add_default_criteria", "copy_criteria", "announce_decisions"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "published", "summary", "description", "process"]}),
        (_("Time"), {"fields": ["opens_at", "closes_at"]}),
        (
            _("Money"),
            {
                "fields": [
                    "budget_min",
                    "budget_max",
                    "projects_min",
                    "projects_max",
                    "max_share",
                    "earliest_cost_date",
                    "latest_cost_date",
                ]
            },
        ),
        (_("Review"), {"fields": ["review_deadline", "review_reminder_days"]}),
        (
            _("Decisions"),
            {
                "fields": [
                    "decision_conditions",
                    "decision_reporting",
                    "report_interim_due",
                    "report_final_due",
                    "payment_terms",
                    "decider_name",
                    "decider_title",
                    "decisions_announced_at",
                ]
            },
        ),
        (_("Who may apply and for what"), {"fields": ["eligible_organisations", "use_cases"]}),
        (_("Application form"), {"fields": ["form_source"]}),
    ]

    readonly_fields = ["decisions_announced_at"]

    def get_urls(self):
        return self.criteria_copy_urls() + super().get_urls()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(applications_count=Count("applications"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.cleaned_data.get("form_source"):
            try:
                form_services.call_form_copy(call=form.instance, source=form.source(), actor=request.user)
            except form_services.FormFrozen as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, gettext("The application form was copied: check it below."))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Criterion:
            return super().save_formset(request, form, formset, change)
        saved = formset.save(commit=False)
        try:
            review_services.call_criteria_change(
                call=form.instance, actor=request.user, saved=saved, deleted=formset.deleted_objects
            )
        except FundingError as exc:
            # Frozen between the check of the form and this save: nothing was changed.
            self.message_user(request, exc.message, messages.ERROR)

    def has_add_criterion_permission(self, request):
        return request.user.has_perm("funding.add_criterion")

    def has_confirm_decision_permission(self, request):
        return request.user.has_perm("funding.confirm_decision")

    @admin.action(description=_("Add the default evaluation criteria"), permissions=["add_criterion"])
    def add_default_criteria(self, request, queryset):
        for call in queryset:
            created = review_services.call_add_default_criteria(call=call, actor=request.user)
            self.message_user(
                request,
                gettext("%(call)s: %(count)d criteria added.") % {"call": call, "count": len(created)},
            )

    @admin.action(
        description=_("Announce the decisions (funded projects become public)"),
        permissions=["confirm_decision"],
    )
    def announce_decisions(self, request, queryset):
        for call in queryset:
            try:
                review_services.call_announce_decisions(call=call, actor=request.user)
            except FundingError as exc:
                self.message_user(request, f"{call}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, gettext("%(call)s: the decisions are announced.") % {"call": call})

    @admin.display(description=_("applications"), ordering="applications_count")
    def application_count(self, obj):
        return obj.applications_count


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnerInline(ReadOnlyInline):
    model = Partner
    fields = ["name", "type", "role", "business_id"]


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = ["category", "year", "amount", "description"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["filename", "kind", "size", "uploaded_at"]


@admin.register(Application)
class ApplicationAdmin(
    ServiceOwnedRecord, ReviewerQueueMixin, ReviewPageMixin, ReviewAdminMixin, admin.ModelAdmin
):
    list_display = [
        "__str__",
        "reference",
        "organisation",
        "call",
        "status",
        "total",
        "requested",
        "submitted_at",
    ]
    list_filter = ["call", "status", "use_case"]
    search_fields = ["project_name", "organisation__name"]
    list_select_related = ["organisation", "call"]
    inlines = [PartnerInline, BudgetLineInline, AttachmentInline]
    actions = ["mark_eligible", "assign_reviewers", *outputs.ACTIONS]

    def get_urls(self):
        return outputs.urls(self) + self.review_page_urls() + self.review_urls() + super().get_urls()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(total_cost=Sum("budget_lines__amount"))

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reference"), ordering="pk")
    def reference(self, obj):
        return obj.reference

    @admin.display(description=_("total costs"), ordering="total_cost")
    def total(self, obj):
        return format_money(obj.total_cost)

    @admin.display(description=_("funding requested"), ordering="requested_amount")
    def requested(self, obj):
        return format_money(obj.requested_amount)


admin.site.register(Decision, DecisionAdmin)
