from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.enums import SCALE_MAX, SCALE_MIN, QuestionKind
from events.services import ATTENDANCE_FILE_MAX, NAME_MAX, ORGANISATION_MAX


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=NAME_MAX, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=ORGANISATION_MAX,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=settings.LANGUAGES,
        help_text=_("Confirmation and reminders"),
    )
    consent = forms.BooleanField(label=_("I agree"), required=True, label_suffix="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]
        privacy = reverse("core:page", args=["privacy"])
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("My name, email and organisation are processed to organise this event."),
            privacy,
            _("Privacy notice"),
        )
        self.fields["consent"].error_messages["required"] = _(
            "Registration needs your consent to the processing of your personal data."
        )


class FeedbackForm(forms.Form):
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
                    help_text=_("1 = poor, 5 = excellent"),
                )
            else:
                self.fields[f"q{question.pk}"] = forms.CharField(
                    label=question.text,
                    required=question.required,
                    max_length=4000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("Participant list (CSV)"),
        help_text=_(
            "The participant list exported from the meeting tool; emails are matched to registrations."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ATTENDANCE_FILE_MAX:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        return upload


class EventMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 10}), max_length=10000)
    include_waiting = forms.BooleanField(label=_("Also the waiting list"), required=False)
