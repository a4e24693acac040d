"""Reads of a call's application form and of an application's answers, in any language.

A constant number of queries whatever the number of sections, questions and choices (prefetched)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import translation

from core import public_cache
from core.questionnaires.kinds import FormKind, display
from funding.formatting import format_money
from funding.models import Answer, Application, Attachment, FormQuestion, FormSection, FundingCall


@dataclass
class AnsweredItem:
    key: str
    label: str
    kind: str
    value: Any
    display: str
    required: bool
    help_text: str = ""
    question: FormQuestion | None = field(default=None, repr=False)


@dataclass
class AnsweredSection:
    title: str
    intro: str
    items: list[AnsweredItem]
    pk: int | None = None


def form_sections_queryset(call_id: int):
    """The call's sections with their questions and choices (three queries when evaluated)."""
    return FormSection.objects.filter(call_id=call_id).prefetch_related(
        Prefetch(
            "questions",
            queryset=FormQuestion.objects.order_by("order", "id").prefetch_related("choices"),
        )
    )


def call_form(call: FundingCall | int) -> list[FormSection]:
    """The call's sections, each with ``questions`` (and their ``choices``) prefetched.

    The same for every applicant of the call, so it comes from the shared cache (group
    ``funding_forms``, renewed by any committed change of a section, question or choice); inside a
    transaction it is read from the database, as everything a service decides on must be."""
    call_id = call if isinstance(call, int) else call.pk
    return public_cache.cached(
        "funding_forms", (call_id,), lambda: (list(form_sections_queryset(call_id)), None)
    )


def call_questions(call: FundingCall | int) -> list[FormQuestion]:
    """Every question of the call's form, in the order of the form."""
    return [question for section in call_form(call) for question in section.questions.all()]


def application_answer_values(application: Application) -> dict[int, Any]:
    """Question id → the stored value (file questions: the names of their attachments). One query,
    two when the attachments were not prefetched."""
    values = dict(Answer.objects.filter(application=application).values_list("question_id", "value"))
    if "attachments" in getattr(application, "_prefetched_objects_cache", {}):
        files = [(a.question_id, a.filename) for a in application.attachments.all() if a.question_id]
    else:
        files = application.attachments.filter(question__isnull=False).values_list("question_id", "filename")
    for question_id, filename in files:
        values.setdefault(question_id, [])
        if isinstance(values[question_id], list):
            values[question_id].append(filename)
    return values


def applications_answer_values(application_ids: list[int]) -> dict[int, dict[int, Any]]:
    """Application id → (question id → stored value) for many applications at once, file questions
    giving the names of their attachments in upload order. Two queries, however many applications."""
    values: dict[int, dict[int, Any]] = {pk: {} for pk in application_ids}
    for application_id, question_id, value in Answer.objects.filter(
        application_id__in=application_ids
    ).values_list("application_id", "question_id", "value"):
        values[application_id][question_id] = value
    for application_id, question_id, filename in (
        Attachment.objects.filter(application_id__in=application_ids, question__isnull=False)
        .order_by("uploaded_at", "id")
        .values_list("application_id", "question_id", "filename")
    ):
        names = values[application_id].setdefault(question_id, [])
        if isinstance(names, list):
            names.append(filename)
    return values


def _item(question: FormQuestion, value: Any, language: str) -> AnsweredItem:
    return AnsweredItem(
        key=question.key,
        label=question.label,
        kind=question.kind,
        value=value,
        display=display(
            question.kind, value, choices=question.choice_list, language=language, money=format_money
        ),
        required=question.required,
        help_text=question.help_text,
        question=question,
    )


def _sections(call_id: int, values: dict[int, Any], language: str | None) -> list[AnsweredSection]:
    language = language or translation.get_language() or "fi"
    with translation.override(language):
        return [
            AnsweredSection(
                title=section.title,
                intro=section.intro,
                items=[_item(q, values.get(q.pk), language) for q in section.questions.all()],
                pk=section.pk,
            )
            for section in call_form(call_id)
        ]


def application_answer_sections(
    application: Application, *, language: str | None = None
) -> list[AnsweredSection]:
    """The call's form with this application's answers, labels and values in ``language`` (default:
    the active language)."""
    return _sections(application.call_id, application_answer_values(application), language)


def call_form_sections(call: FundingCall, *, language: str | None = None) -> list[AnsweredSection]:
    """The call's form, unanswered."""
    return _sections(call.pk, {}, language)


def answer_by_key(application: Application, key: str) -> Any:
    """The stored value of one answer of the application (None: no such question or no answer)."""
    question = FormQuestion.objects.filter(call_id=application.call_id, key=key).only("pk", "kind").first()
    if question is None:
        return None
    if question.kind == FormKind.FILE:
        return application_answer_values(application).get(question.pk)
    return (
        Answer.objects.filter(application=application, question=question)
        .values_list("value", flat=True)
        .first()
    )
