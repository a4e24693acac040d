from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.enums import OrganisationType
from members.models import Organisation, WelfareRegion
from members.services import Application
from members.validators import validate_business_id, validate_logo

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: WelfareRegion) -> str:
        return obj.name


def _region_field(**kwargs) -> RegionChoiceField:
    return RegionChoiceField(
        queryset=WelfareRegion.objects.order_by("order", "code"),
        required=False,
        label=_("Welfare region"),
        empty_label=_("(none)"),
        **kwargs,
    )


class JoinForm(forms.Form):
    """The membership application; no account needed."""

    name = forms.CharField(label=_("Name of the organisation"), max_length=200)
    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=9,
        validators=[validate_business_id],
        help_text=_("Seven digits, a hyphen and a check digit, e.g. 1234567-1."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    region = _region_field(help_text=_("The welfare region where the organisation mainly works, if any."))
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Short description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 2,000 characters. Shown in the public member directory."),
    )
    listed_publicly = forms.BooleanField(
        label=_("The organisation may be listed in the public member directory"), required=False
    )

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    language = forms.ChoiceField(
        label=_("Language for messages"), choices=LANGUAGE_CHOICES, initial=settings.LANGUAGE_CODE
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the network's terms and have read the privacy notice"),
        error_messages={"required": _("Please accept the terms and the privacy notice to apply.")},
    )

    organisation_fields = (
        "name",
        "business_id",
        "type",
        "region",
        "municipality",
        "website",
        "description",
        "listed_publicly",
    )
    person_fields = ("first_name", "last_name", "title", "email", "language")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        if language in dict(settings.LANGUAGES):
            self.fields["language"].initial = language
        self.fields["accept_terms"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("core:page", args=["privacy"]), _("Read the privacy notice")
        )

    def clean_business_id(self) -> str:
        return self.cleaned_data["business_id"].strip()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def application(self) -> Application:
        data = self.cleaned_data
        return Application(
            name=data["name"].strip(),
            business_id=data["business_id"],
            type=data["type"],
            region=data["region"],
            municipality=data["municipality"].strip(),
            website=data["website"],
            description=data["description"].strip(),
            listed_publicly=data["listed_publicly"],
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            title=data["title"].strip(),
            email=data["email"],
            language=data["language"],
        )


class DirectoryFilterForm(forms.Form):
    """The directory's search: a GET form, so every result page has its own address."""

    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    type = forms.ChoiceField(
        label=_("Type of organisation"),
        required=False,
        choices=[("", _("All types")), *OrganisationType.choices],
    )
    region = forms.ChoiceField(label=_("Welfare region"), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All welfare regions"))] + [(r.code, r.name) for r in regions]

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid value is ignored rather than refused."""
        if self.is_valid():
            data = self.cleaned_data
            return {"query": data["q"], "type": data["type"], "region_code": data["region"]}
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "query": cleaned.get("q", ""),
            "type": cleaned.get("type", ""),
            "region_code": cleaned.get("region", ""),
        }


class ProfileForm(forms.ModelForm):
    """The public profile a contact person edits. The business ID and status stay with coordinators."""

    region = _region_field()
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        help_text=_("PNG, JPEG, WebP or GIF, at most 1 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "type",
            "region",
            "municipality",
            "website",
            "description_fi",
            "description_sv",
            "description_en",
            "logo",
            "listed_publicly",
        ]
        labels = {
            "name_fi": _("Name in Finnish"),
            "name_sv": _("Name in Swedish"),
            "name_en": _("Name in English"),
            "type": _("Type of organisation"),
            "municipality": _("Municipality"),
            "website": _("Website"),
            "description_fi": _("Short description in Finnish"),
            "description_sv": _("Short description in Swedish"),
            "description_en": _("Short description in English"),
            "listed_publicly": _("The organisation may be listed in the public member directory"),
        }
        help_texts = {
            "name_sv": _("Leave empty to show the Finnish name."),
            "name_en": _("Leave empty to show the Finnish name."),
            "description_sv": _("Leave empty to show the Finnish description."),
            "description_en": _("Leave empty to show the Finnish description."),
            "listed_publicly": "",
        }
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_fi"].required = True
        for name in ("description_fi", "description_sv", "description_en"):
            self.fields[name].max_length = 2000

    def profile_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "logo"}
        data["description_fi"] = data["description_fi"] or ""
        logo = self.cleaned_data.get("logo")
        if logo is False or (logo and hasattr(logo, "content_type")):
            data["logo"] = logo
        return data


class ContactPersonForm(forms.Form):
    """Invite another contact person (by a contact person or a coordinator)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"))
    language = forms.ChoiceField(
        label=_("Language for messages"), choices=LANGUAGE_CHOICES, initial=settings.LANGUAGE_CODE
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
