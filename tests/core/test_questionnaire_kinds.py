"""The typed kinds of form questions: a field per kind, values kept as JSON, shown in each language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django import forms

from core.forms import MoneyField
from core.questionnaires.kinds import FormKind, display, form_field, from_json, is_answered, to_json


@dataclass
class Question:
    kind: str
    label: str = "Kysymys"
    help_text: str = ""
    required: bool = True
    max_chars: int | None = None
    choice_list: list = field(default_factory=lambda: [("a", "Ensimmäinen"), ("b", "Toinen")])


def cleaned(kind, data, **kwargs):
    form = forms.Form(data)
    form.fields["x"] = form_field(Question(kind, **kwargs), required=False)
    assert form.is_valid(), form.errors
    return to_json(kind, form.cleaned_data["x"])


def test_each_kind_has_its_field_and_stores_json():
    assert isinstance(form_field(Question(FormKind.MONEY)), MoneyField)
    assert cleaned(FormKind.LONG_TEXT, {"x": "  Pitkä  "}) == "Pitkä"
    assert cleaned(FormKind.SHORT_TEXT, {"x": ""}) is None
    assert cleaned(FormKind.NUMBER, {"x": "12.50"}) == "12.5"
    assert cleaned(FormKind.MONEY, {"x": "12 000,5"}) == "12000.50"
    assert cleaned(FormKind.DATE, {"x": "2026-05-01"}) == "2026-05-01"
    assert cleaned(FormKind.CHOICE, {"x": "b"}) == "b"
    assert cleaned(FormKind.MULTIPLE_CHOICE, {"x": ["a", "b"]}) == ["a", "b"]
    assert cleaned(FormKind.YES_NO, {"x_0": "no", "x_1": " Ei tarvita "}) == {
        "answer": False,
        "explanation": "Ei tarvita",
    }
    assert cleaned(FormKind.YES_NO, {"x_0": "", "x_1": ""}) is None
    assert cleaned(FormKind.CONFIRM, {"x": "on"}) is True
    assert cleaned(FormKind.CONFIRM, {}) is False


def test_a_long_text_keeps_its_character_limit():
    form = forms.Form({"x": "x" * 11})
    form.fields["x"] = form_field(Question(FormKind.LONG_TEXT, max_chars=10), required=False)
    assert not form.is_valid()
    assert form.fields["x"].widget.attrs["maxlength"] == "10"


def test_values_return_to_their_fields_and_answer_required_questions():
    assert from_json(FormKind.MONEY, "12.50") == Decimal("12.50")
    assert from_json(FormKind.DATE, "2026-05-01") == datetime.date(2026, 5, 1)
    assert from_json(FormKind.CONFIRM, None) is False
    assert is_answered(FormKind.CONFIRM, False) is False
    assert is_answered(FormKind.YES_NO, {"answer": None, "explanation": "x"}) is False
    assert is_answered(FormKind.YES_NO, {"answer": False, "explanation": ""}) is True
    assert is_answered(FormKind.MULTIPLE_CHOICE, []) is False


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ["1.5.2026", "12\xa0000,5", "Toinen", "Ensimmäinen, Toinen", "Ei: Ei tarvita", "Kyllä", "–"]),
        ("en", ["05/01/2026", "12,000.5", "Toinen", "Ensimmäinen, Toinen", "No: Ei tarvita", "Yes", "–"]),
    ],
)
def test_values_are_shown_in_the_language(language, expected):
    choices = Question(FormKind.CHOICE).choice_list
    shown = [
        display(FormKind.DATE, "2026-05-01", language=language),
        display(FormKind.NUMBER, "12000.5", language=language),
        display(FormKind.CHOICE, "b", choices=choices, language=language),
        display(FormKind.MULTIPLE_CHOICE, ["a", "b"], choices=choices, language=language),
        display(FormKind.YES_NO, {"answer": False, "explanation": "Ei tarvita"}, language=language),
        display(FormKind.CONFIRM, True, language=language),
        display(FormKind.LONG_TEXT, None, language=language),
    ]
    assert shown == expected
