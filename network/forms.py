from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from members.selectors import member_organisations_by_name, organisations_by_name, welfare_regions
from network.enums import Stage, UseCase
from network.models import Implementation
from network.selectors import NO_REGION
from network.services import IMPLEMENTATION_FIELDS


class ImplementationFilterForm(forms.Form):
    """The public list's filters (a GET form: the filtered list has its own address)."""

    q = forms.CharField(label=_("Search words"), max_length=200, required=False)
    region = forms.ChoiceField(label=_("Welfare region"), required=False)
    use_case = forms.ChoiceField(
        label=_("Use case"), required=False, choices=[("", _("All use cases")), *UseCase.choices]
    )
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = {r.code: r for r in welfare_regions()}
        self.fields["region"].choices = [
            ("", _("All welfare regions")),
            *[(code, region.name) for code, region in self.regions.items()],
            (NO_REGION, _("No welfare region")),
        ]

    def filters(self) -> dict:
        """Keyword arguments for selectors.implementation_public_list; invalid values are ignored."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        region = data.get("region") or ""
        return {
            "query": (data.get("q") or "").strip(),
            "region": NO_REGION if region == NO_REGION else self.regions.get(region),
            "use_case": data.get("use_case") or "",
            "stage": data.get("stage") or "",
        }


class ImplementationForm(forms.ModelForm):
    """What a member organisation's contact person fills in about an AI implementation."""

    owner = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=organisations_by_name().none()
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=organisations_by_name().none(),
        required=False,
        help_text=_("Hold down Ctrl (⌘ on a Mac) to choose more than one."),
    )

    class Meta:
        model = Implementation
        fields = ["owner", *IMPLEMENTATION_FIELDS[:3], "organisations", *IMPLEMENTATION_FIELDS[3:]]
        labels = {
            "title_fi": _("Title in Finnish"),
            "title_sv": _("Title in Swedish"),
            "title_en": _("Title in English"),
            "description_fi": _("Description in Finnish"),
            "description_sv": _("Description in Swedish"),
            "description_en": _("Description in English"),
            "results_fi": _("Results in Finnish"),
            "results_sv": _("Results in Swedish"),
            "results_en": _("Results in English"),
        }
        help_texts = {
            "title_sv": _("Optional: the Finnish text is shown when there is none."),
            "title_en": _("Optional: the Finnish text is shown when there is none."),
        }
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 6}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "results_fi": forms.Textarea(attrs={"rows": 4}),
            "results_sv": forms.Textarea(attrs={"rows": 3}),
            "results_en": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        if self.instance.pk:
            # The responsible organisation of an existing record does not change here.
            self.fields["owner"].disabled = True
        elif len(owners) == 1:
            self.fields["owner"].initial = owners[0]
        self.fields["organisations"].queryset = member_organisations_by_name()
        self.fields["title_fi"].required = True
        self.fields["description_fi"].required = True
        self.fields["region"].empty_label = _("No welfare region")

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in IMPLEMENTATION_FIELDS}
