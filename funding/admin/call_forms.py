"""Coordinators define each call's application form: its sections in order, their questions and the
questions' choices, every label in Finnish, Swedish and English. Frozen (read-only) once the call has
opened or an application exists; the call cannot be published while a label lacks a language."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from core.questionnaires.kinds import CHOICE_KINDS
from funding.models import FormChoice, FormQuestion, FormSection
from funding.rules import EDITABLE_FIELDS
from funding.services.forms import call_form_frozen, form_frozen_error

#: Names the application's own parts use in versions and exports: no question may take them.
RESERVED_KEYS = {*EDITABLE_FIELDS, "partners", "budget_lines", "answers", "attachments", "section"}


class FrozenFormMixin:
    """Read-only once the call's form is frozen (``call_of(obj)`` gives the call)."""

    def call_of(self, obj):
        raise NotImplementedError

    def _frozen(self, obj) -> bool:
        call = self.call_of(obj) if obj is not None else None
        return call is not None and call_form_frozen(call)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._frozen(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._frozen(obj)

    def has_add_permission(self, request, obj=None):
        if not isinstance(self, InlineModelAdmin):
            return super().has_add_permission(request)
        # An inline is asked with its parent (None on the parent's add page).
        return not self._frozen(obj) and super().has_add_permission(request, obj)


class FormQuestionForm(forms.ModelForm):
    class Meta:
        model = FormQuestion
        fields = ["section", "order", "key", "kind", "label", "help_text", "required", "max_chars"]

    def clean_key(self):
        key = self.cleaned_data["key"]
        if key in RESERVED_KEYS:
            raise ValidationError(
                gettext("“%(key)s” is the name of a part of every application: choose another key.")
                % {"key": key}
            )
        return key

    def clean(self):
        data = super().clean()
        section = data.get("section") or getattr(self.instance, "section", None)
        key = data.get("key")
        if section is not None and key:
            clash = FormQuestion.objects.filter(call_id=section.call_id, key=key).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("key", gettext("Another question of this call already has this key."))
        if section is not None and call_form_frozen(section.call):
            raise ValidationError(form_frozen_error(section.call).message)
        return data


class FormQuestionInline(FrozenFormMixin, TranslationStackedInline):
    model = FormQuestion
    form = FormQuestionForm
    extra = 0
    fields = ["order", "key", "kind", "label", "help_text", "required", "max_chars", "choices_link"]
    readonly_fields = ["choices_link"]

    def call_of(self, obj):
        return obj.call

    @admin.display(description=_("choices"))
    def choices_link(self, obj):
        if obj is None or obj.pk is None or obj.kind not in CHOICE_KINDS:
            return "–"
        url = reverse("admin:funding_formquestion_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit the choices"))


class FormSectionForm(forms.ModelForm):
    class Meta:
        model = FormSection
        fields = ["call", "order", "title", "intro"]

    def clean(self):
        data = super().clean()
        call = data.get("call") or getattr(self.instance, "call", None)
        if call is not None and call_form_frozen(call):
            raise ValidationError(form_frozen_error(call).message)
        return data


@admin.register(FormSection)
class FormSectionAdmin(FrozenFormMixin, TranslationAdmin):
    form = FormSectionForm
    list_display = ["title", "call", "order"]
    list_filter = ["call"]
    list_select_related = ["call"]
    fields = ["call", "order", "title", "intro"]
    inlines = [FormQuestionInline]

    def call_of(self, obj):
        return obj.call

    def save_formset(self, request, form, formset, change):
        # The question's call follows its section (the key is unique per call).
        for instance in formset.save(commit=False):
            instance.call_id = form.instance.call_id
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


class FormChoiceInline(FrozenFormMixin, TranslationTabularInline):
    model = FormChoice
    extra = 0
    fields = ["order", "value", "label"]

    def call_of(self, obj):
        return obj.call


@admin.register(FormQuestion)
class FormQuestionAdmin(FrozenFormMixin, TranslationAdmin):
    form = FormQuestionForm
    list_display = ["label", "key", "kind", "section", "required"]
    list_filter = ["call", "kind"]
    list_select_related = ["section", "call"]
    fields = ["section", "order", "key", "kind", "label", "help_text", "required", "max_chars"]
    inlines = [FormChoiceInline]

    def call_of(self, obj):
        return obj.call


class FormSectionInline(FrozenFormMixin, TranslationTabularInline):
    """On the call's page: the sections in order, each edited on its own page with its questions."""

    model = FormSection
    extra = 0
    fields = ["order", "title", "questions_link"]
    readonly_fields = ["questions_link"]
    show_change_link = True

    def call_of(self, obj):
        return obj

    @admin.display(description=_("questions"))
    def questions_link(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:funding_formsection_change", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Edit the questions"))
