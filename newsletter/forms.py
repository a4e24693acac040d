from __future__ import annotations

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices
from newsletter.enums import SubscribeForm


def consent_statement() -> str:
    return str(
        _(
            "I want to receive the newsletter of the SOTE AI ecosystem. My email address and language are "
            "processed to send it; I can unsubscribe at any time."
        )
    )


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=language_choices)
    consent = forms.BooleanField(label=_("I agree"), required=True, label_suffix="")
    # A trap for bots: hidden from people (and from assistive technology), filled in by naive bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form = forms.ChoiceField(
        choices=[(SubscribeForm.PAGE, SubscribeForm.PAGE), (SubscribeForm.FOOTER, SubscribeForm.FOOTER)],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, prefix_ids: str = "", **kwargs):
        if prefix_ids:
            kwargs.setdefault("auto_id", f"{prefix_ids}-%s")
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE)[:2]
        self.fields["consent"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            consent_statement(),
            reverse("core:page", args=["privacy"]),
            _("Privacy notice"),
        )
        self.fields["consent"].error_messages["required"] = _(
            "Subscribing needs your consent to the processing of your email address."
        )

    @property
    def is_bot(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=language_choices)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Subscriber list (CSV or XLSX)"),
        help_text=_(
            "Columns: email, language (fi, sv or en), date of the consent in the previous system. "
            "A header row is allowed."
        ),
    )
    source = forms.CharField(
        label=_("Previous system"),
        max_length=200,
        help_text=_(
            "Where the consents were given, e.g. the earlier mailing list service. Recorded with each."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only show what would change"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        return upload
