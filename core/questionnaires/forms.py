"""The form of a questionnaire, built from its list of questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from core.questionnaires.enums import SCALE_VALUES, TEXT_MAX, QuestionKind


def question_field(
    question: Any,
    *,
    scale_help_text: str = "",
    scale_error_messages: Mapping[str, str] | None = None,
    text_error_messages: Mapping[str, str] | None = None,
) -> forms.Field:
    """A scale question as radio buttons 1–5 (cleaned to an int, None when skipped), a free-text
    question as a text area of at most 4,000 characters."""
    if question.kind == QuestionKind.SCALE:
        return forms.TypedChoiceField(
            label=question.text,
            choices=[(str(n), str(n)) for n in SCALE_VALUES],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            required=question.required,
            help_text=scale_help_text,
            error_messages=dict(scale_error_messages or {}),
        )
    return forms.CharField(
        label=question.text,
        required=question.required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=dict(text_error_messages or {}),
    )


class QuestionnaireForm(forms.Form):
    """One field per question: ``q<id>``. Subclasses set the scale's help text and, when they want
    their own, the error messages of the fields."""

    scale_help_text: str = ""
    scale_error_messages: Mapping[str, str] = {}
    text_error_messages: Mapping[str, str] = {}

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = question_field(
                question,
                scale_help_text=self.scale_help_text,
                scale_error_messages=self.scale_error_messages,
                text_error_messages=self.text_error_messages,
            )

    @staticmethod
    def field_name(question: Any) -> str:
        return f"q{question.pk}"

    def answers(self) -> dict[Any, Any]:
        """Question id → the cleaned value (an int, a text or None), for ``clean_answers``."""
        return {q.pk: self.cleaned_data.get(self.field_name(q)) for q in self.questions}
