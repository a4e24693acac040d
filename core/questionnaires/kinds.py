"""Typed questions of a form (a funding call's application form): the kinds, a form field per kind,
the value kept as JSON and the value shown in the active language.

Events and surveys keep their two kinds (``QuestionKind``); a form question needs more: texts with a
character limit, numbers, money, dates, choices, yes/no with an explanation, a confirmation and files.
A question here has ``kind``, ``label``, ``help_text``, ``required``, ``max_chars`` and, for the
choice kinds, ``choice_list`` (``[(value, label)]``). Values are JSON: texts as strings, numbers and
money as decimal strings (exact), dates as ISO strings, a multiple choice as a list, yes/no as
``{"answer": true|false|null, "explanation": str}``, a confirmation as a boolean. File answers are the
application's own attachments; their value is the list of file names.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import MoneyField

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 20000


class FormKind(models.TextChoices):
    LONG_TEXT = "long_text", _("Long text")
    SHORT_TEXT = "short_text", _("Short text")
    NUMBER = "number", _("Number")
    MONEY = "money", _("Money (€)")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no, with an explanation")
    CONFIRM = "confirm", _("Confirmation (a box to tick)")
    FILE = "file", _("File")


#: Kinds whose question lists its choices.
CHOICE_KINDS = (FormKind.CHOICE, FormKind.MULTIPLE_CHOICE)


class YesNoWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.RadioSelect(choices=[("yes", _("Yes")), ("no", _("No"))]),
                forms.Textarea(attrs={"rows": 3, "aria-label": _("Explanation")}),
            ],
            attrs,
        )

    def decompress(self, value):
        if not isinstance(value, dict):
            return [None, ""]
        answer = value.get("answer")
        return [None if answer is None else ("yes" if answer else "no"), value.get("explanation") or ""]


class YesNoField(forms.MultiValueField):
    widget = YesNoWidget

    def __init__(self, *, max_chars: int | None = None, **kwargs):
        fields = (
            forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], required=False),
            forms.CharField(required=False, max_length=max_chars or LONG_TEXT_MAX),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return {"answer": None, "explanation": ""}
        answer, explanation = (list(data_list) + [None, ""])[:2]
        return {
            "answer": None if not answer else answer == "yes",
            "explanation": (explanation or "").strip(),
        }


def form_field(question: Any, *, required: bool | None = None) -> forms.Field:
    """The form field of ``question`` (``required`` overrides the question's own: a draft may be
    saved incomplete). The cleaned value goes through :func:`to_json`."""
    kind = question.kind
    common = {
        "label": question.label,
        "help_text": question.help_text or "",
        "required": question.required if required is None else required,
    }
    if kind == FormKind.LONG_TEXT:
        limit = question.max_chars or LONG_TEXT_MAX
        return forms.CharField(
            max_length=limit, widget=forms.Textarea(attrs={"rows": 6, "maxlength": limit}), **common
        )
    if kind == FormKind.SHORT_TEXT:
        return forms.CharField(max_length=min(question.max_chars or SHORT_TEXT_MAX, SHORT_TEXT_MAX), **common)
    if kind == FormKind.NUMBER:
        return forms.DecimalField(
            max_digits=18,
            decimal_places=6,
            localize=True,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if kind == FormKind.MONEY:
        return MoneyField(min_value=Decimal("0"), **common)
    if kind == FormKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    if kind == FormKind.CHOICE:
        return forms.ChoiceField(choices=list(question.choice_list), widget=forms.RadioSelect, **common)
    if kind == FormKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=list(question.choice_list), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == FormKind.YES_NO:
        return YesNoField(max_chars=question.max_chars, **common)
    if kind == FormKind.CONFIRM:
        return forms.BooleanField(**common)
    if kind == FormKind.FILE:
        return forms.FileField(**common)
    raise ValueError(f"Unknown kind {kind!r}")


def to_json(kind: str, value: Any) -> Any:
    """A cleaned form value (or a value from code) as it is stored; None when unanswered."""
    if kind in (FormKind.LONG_TEXT, FormKind.SHORT_TEXT):
        text = str(value or "").strip()
        return text or None
    if kind in (FormKind.NUMBER, FormKind.MONEY):
        if value in (None, ""):
            return None
        number = Decimal(str(value))
        if kind == FormKind.MONEY:
            number = number.quantize(Decimal("0.01"))
        return str(number.normalize() if kind == FormKind.NUMBER else number)
    if kind == FormKind.DATE:
        if not value:
            return None
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if kind == FormKind.CHOICE:
        return str(value) if value else None
    if kind == FormKind.MULTIPLE_CHOICE:
        values = [str(v) for v in (value or []) if v]
        return values or None
    if kind == FormKind.YES_NO:
        if not isinstance(value, dict):
            return None
        answer, explanation = value.get("answer"), str(value.get("explanation") or "").strip()
        if answer is None and not explanation:
            return None
        return {"answer": answer if answer is None else bool(answer), "explanation": explanation}
    if kind == FormKind.CONFIRM:
        return bool(value)
    if kind == FormKind.FILE:
        return list(value) if value else None
    raise ValueError(f"Unknown kind {kind!r}")


def from_json(kind: str, value: Any) -> Any:
    """A stored value as the form field's initial value."""
    if value is None:
        return False if kind == FormKind.CONFIRM else None
    if kind in (FormKind.NUMBER, FormKind.MONEY):
        try:
            return Decimal(value)
        except (InvalidOperation, TypeError):
            return None
    if kind == FormKind.DATE:
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            return None
    return value


def is_answered(kind: str, value: Any) -> bool:
    """Whether a stored value answers a required question (a confirmation must be ticked, yes/no
    must be chosen)."""
    if kind == FormKind.CONFIRM:
        return value is True
    if kind == FormKind.YES_NO:
        return isinstance(value, dict) and value.get("answer") is not None
    return value not in (None, "", [], {})


def _default_money(value: Decimal, language: str) -> str:
    return f"{formats.number_format(value, 2, use_l10n=True, force_grouping=True)} €"


def display(
    kind: str,
    value: Any,
    *,
    choices: Sequence[tuple[str, str]] = (),
    language: str | None = None,
    money: Callable[[Any, str], str] | None = None,
) -> str:
    """The value as a person reads it, in ``language`` (default: the active one): "–" when unanswered."""
    language = language or translation.get_language() or "fi"
    with translation.override(language):
        if kind == FormKind.CONFIRM:
            return gettext("Yes") if value is True else gettext("No")
        if value in (None, "", [], {}):
            return "–"
        if kind in (FormKind.LONG_TEXT, FormKind.SHORT_TEXT):
            return str(value)
        if kind == FormKind.NUMBER:
            number = Decimal(str(value))
            places = max(0, -number.as_tuple().exponent)
            return formats.number_format(number, places, use_l10n=True, force_grouping=True)
        if kind == FormKind.MONEY:
            return (money or _default_money)(Decimal(str(value)), language)
        if kind == FormKind.DATE:
            return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        labels = dict(choices)
        if kind == FormKind.CHOICE:
            return str(labels.get(value, value))
        if kind == FormKind.MULTIPLE_CHOICE:
            return ", ".join(str(labels.get(v, v)) for v in value)
        if kind == FormKind.YES_NO:
            answer = value.get("answer")
            head = "–" if answer is None else (gettext("Yes") if answer else gettext("No"))
            explanation = value.get("explanation") or ""
            return f"{head}: {explanation}" if explanation else head
        if kind == FormKind.FILE:
            return ", ".join(str(name) for name in value)
    return str(value)
