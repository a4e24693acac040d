from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from core.questionnaires import QuestionnaireForm
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
        choices=language_choices,
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


class FeedbackForm(QuestionnaireForm):
    """One field per question: ``q<id>``; scales as radio buttons 1–5, free text as a text area."""

    scale_help_text = _("1 = poor, 5 = excellent")


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
