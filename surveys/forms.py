from django import forms
from django.utils.translation import gettext_lazy as _

from surveys.enums import SCALE_MAX, SCALE_MIN, QuestionKind


class AnswerForm(forms.Form):
    """One field per question: ``q<id>``; scales as radio buttons 1–5, free text as a text area."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            if question.kind == QuestionKind.SCALE:
                self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                    label=question.text,
                    choices=[(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=question.required,
                    help_text=_("1 = very dissatisfied, 5 = very satisfied"),
                    error_messages={
                        "required": _("Choose a value from 1 to 5."),
                        "invalid_choice": _("Choose a value from 1 to 5."),
                    },
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={
                        "required": _("Answer this question."),
                        "max_length": _("Write at most 4,000 characters."),
                    },
                )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}
