"""Writes of a call's application form: copying it from the built-in template or another call, and
the rules that keep it stable: it is frozen once the call opens or an application exists, and a call
cannot open while a label of its form lacks a language."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from core.questionnaires.kinds import CHOICE_KINDS
from funding.enums import AuditAction
from funding.form_template import default_form_data
from funding.models import Application, FormChoice, FormQuestion, FormSection, FundingCall

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class FormFrozen(Exception):
    """A change to a frozen form; ``message`` is translated."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def call_form_frozen(call: FundingCall, *, now=None) -> bool:
    """The form stays as it is once the call has opened or anyone has started an application: every
    answer then means what its question said. (A call that opened without any form may still be
    given one, as long as nobody has applied.)"""
    now = now or timezone.now()
    if call.pk is None:
        return False
    if Application.objects.filter(call_id=call.pk).exists():
        return True
    return call.opens_at <= now and FormSection.objects.filter(call_id=call.pk).exists()


def form_frozen_error(call: FundingCall) -> FormFrozen:
    return FormFrozen(
        gettext(
            "The application form of %(call)s can no longer be changed: the call has opened or an "
            "application has been started."
        )
        % {"call": call}
    )


def call_form_require_editable(call: FundingCall) -> None:
    if call_form_frozen(call):
        raise form_frozen_error(call)


def _translations(obj, name: str) -> dict[str, str]:
    return {code: getattr(obj, f"{name}_{code}") or "" for code in LANGUAGES}


def _fields(name: str, values: dict[str, str]) -> dict[str, str]:
    fields = {f"{name}_{code}": values.get(code) or "" for code in LANGUAGES}
    fields[name] = values.get(settings.LANGUAGE_CODE) or ""
    return fields


def call_form_data(call: FundingCall) -> list[dict]:
    """The call's form as plain data in every language (what ``call_form_copy`` copies)."""
    from funding.selectors.answers import call_form

    return [
        {
            "title": _translations(section, "title"),
            "intro": _translations(section, "intro"),
            "questions": [
                {
                    "key": q.key,
                    "kind": q.kind,
                    "label": _translations(q, "label"),
                    "help_text": _translations(q, "help_text"),
                    "required": q.required,
                    "max_chars": q.max_chars,
                    "choices": [
                        {"value": c.value, "label": _translations(c, "label")} for c in q.choices.all()
                    ],
                }
                for q in section.questions.all()
            ],
        }
        for section in call_form(call)
    ]


def form_create(call: FundingCall, data: list[dict]) -> int:
    """Create the sections, questions and choices of ``data`` for ``call`` (inside a transaction)."""
    count = 0
    for order, section_data in enumerate(data):
        section = FormSection.objects.create(
            call=call,
            order=order,
            **_fields("title", section_data["title"]),
            **_fields("intro", section_data.get("intro") or {}),
        )
        for q_order, q in enumerate(section_data["questions"]):
            question = FormQuestion.objects.create(
                section=section,
                call=call,
                key=q["key"],
                order=q_order,
                kind=q["kind"],
                required=q["required"],
                max_chars=q.get("max_chars"),
                **_fields("label", q["label"]),
                **_fields("help_text", q.get("help_text") or {}),
            )
            count += 1
            FormChoice.objects.bulk_create(
                FormChoice(question=question, value=c["value"], order=i, **_fields("label", c["label"]))
                for i, c in enumerate(q.get("choices") or [])
            )
    return count


def call_form_copy(*, call: FundingCall, source: FundingCall | None, actor) -> FundingCall:
    """Replace ``call``'s form with a copy of ``source``'s (None: the built-in template, the 2024
    call's sections). Refused once the call's form is frozen."""
    with transaction.atomic():
        locked = lock_row(call)
        call_form_require_editable(locked)
        data = default_form_data() if source is None else call_form_data(source)
        old = FormQuestion.objects.filter(call=locked).count()
        FormSection.objects.filter(call=locked).delete()
        count = form_create(locked, data)
        audit_log(
            action=AuditAction.CALL_FORM_COPIED,
            actor=actor,
            obj=locked,
            old={"questions": old},
            new={"source": source.pk if source is not None else "default", "questions": count},
        )
    return locked


def call_form_give_default(*, call: FundingCall, actor) -> bool:
    """Give a call that has no form at all the built-in one (the demo's calls, a call the migration
    did not know); a call with a form keeps it. True when the form was created."""
    with transaction.atomic():
        locked = lock_row(call)
        if FormSection.objects.filter(call=locked).exists():
            return False
        count = form_create(locked, default_form_data())
        audit_log(
            action=AuditAction.CALL_FORM_COPIED,
            actor=actor,
            obj=locked,
            old={"questions": 0},
            new={"source": "default", "questions": count},
        )
    return True


def call_form_problems(call: FundingCall) -> list[str]:
    """What keeps the call from opening: labels of its form that lack a language, a choice question
    without choices, and a call without any form at all (translated, one line each)."""
    from funding.selectors.answers import call_form

    problems = []
    sections = call_form(call)
    if call.pk is not None and not sections:
        problems.append(gettext("The call has no application form: copy one from the template."))
    languages = dict(settings.LANGUAGES)

    def lacking(obj, name: str, what: str) -> None:
        missing = [
            languages[code] for code in LANGUAGES if not (getattr(obj, f"{name}_{code}") or "").strip()
        ]
        if missing:
            problems.append(
                gettext("%(what)s lacks a translation: %(languages)s.")
                % {"what": what, "languages": ", ".join(missing)}
            )

    for section in sections:
        lacking(section, "title", gettext("The title of the section “%(title)s”") % {"title": section})
        if any((getattr(section, f"intro_{code}") or "").strip() for code in LANGUAGES):
            lacking(
                section, "intro", gettext("The introduction of the section “%(title)s”") % {"title": section}
            )
        for question in section.questions.all():
            lacking(question, "label", gettext("The question “%(key)s”") % {"key": question.key})
            if any((getattr(question, f"help_text_{code}") or "").strip() for code in LANGUAGES):
                lacking(
                    question,
                    "help_text",
                    gettext("The help text of the question “%(key)s”") % {"key": question.key},
                )
            choices = list(question.choices.all())
            if question.kind in CHOICE_KINDS and not choices:
                problems.append(gettext("The question “%(key)s” has no choices.") % {"key": question.key})
            for choice in choices:
                lacking(
                    choice,
                    "label",
                    gettext("The choice “%(value)s” of the question “%(key)s”")
                    % {"value": choice.value, "key": question.key},
                )
    return problems
