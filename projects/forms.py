"""The report form as plain formsets (works without JavaScript) and the coordinators' forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import MoneyField
from funding.enums import UseCase
from members.selectors import welfare_regions
from projects.enums import MilestoneStatus, WiderUse
from projects.models import Report
from projects.services import NeedData, ProgressData

EXTRA_NEEDS = 2


class ReportForm(forms.ModelForm):
    funding_used = MoneyField(
        label=_("Funding used for these costs (€)"),
        min_value=Decimal("0"),
        help_text=_("At most the project's funding share of the costs reported."),
    )

    class Meta:
        model = Report
        fields = ["impact_evaluation", "effectiveness", "network_sharing", "wider_use", "wider_use_text"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields if name != "wider_use"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["funding_used"].required = True
        self.fields["wider_use"].choices = [("", _("Choose")), *WiderUse.choices]

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in self.Meta.fields}


class ProgressForm(forms.Form):
    milestone = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)
    text = forms.CharField(
        label=_("Progress"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CostForm(forms.Form):
    budget_line = forms.IntegerField(widget=forms.HiddenInput)
    amount = MoneyField(label=_("Costs incurred (€)"), min_value=Decimal("0"))


class NeedForm(forms.Form):
    title = forms.CharField(label=_("Need"), required=False, max_length=300)
    law = forms.CharField(
        label=_("Law or area of law"),
        required=False,
        max_length=300,
        help_text=_("E.g. the Client Data Act."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean(self):
        data = super().clean()
        if (data.get("law") or data.get("description")) and not data.get("title"):
            self.add_error("title", _("Name the need, or empty the other fields of this row."))
        if data.get("title") and not data.get("description"):
            self.add_error("description", _("Describe the need."))
        return data


ProgressFormSet = formset_factory(ProgressForm, extra=0, max_num=200, validate_max=True)
CostFormSet = formset_factory(CostForm, extra=0, max_num=200, validate_max=True)
NeedFormSet = formset_factory(NeedForm, extra=EXTRA_NEEDS, max_num=100, validate_max=True)


def report_forms(*, report: Report, content, data=None) -> dict:
    """The report form and its three formsets, filled with the saved values."""
    progress = content.progress
    return {
        "form": ReportForm(data, instance=report, initial={"funding_used": report.funding_used}),
        "progress": ProgressFormSet(
            data,
            prefix="progress",
            initial=[
                {
                    "milestone": m.pk,
                    "status": progress[m.pk].status if m.pk in progress else MilestoneStatus.NOT_STARTED,
                    "text": progress[m.pk].text if m.pk in progress else "",
                }
                for m in content.milestones
            ],
        ),
        "costs": CostFormSet(
            data,
            prefix="costs",
            initial=[
                {"budget_line": line.pk, "amount": content.costs.get(line.pk, Decimal("0.00"))}
                for line in content.budget_lines
            ],
        ),
        "needs": NeedFormSet(
            data,
            prefix="needs",
            initial=[{"title": n.title, "law": n.law, "description": n.description} for n in content.needs],
        ),
    }


def report_data(forms_: dict) -> dict:
    """The service's arguments from valid forms."""
    return {
        "values": forms_["form"].values(),
        "funding_used": forms_["form"].cleaned_data["funding_used"],
        "progress": [
            ProgressData(
                milestone_id=f.cleaned_data["milestone"],
                status=f.cleaned_data["status"],
                text=f.cleaned_data["text"],
            )
            for f in forms_["progress"]
        ],
        "costs": {f.cleaned_data["budget_line"]: f.cleaned_data["amount"] for f in forms_["costs"]},
        "needs": [
            NeedData(
                title=f.cleaned_data["title"],
                law=f.cleaned_data["law"],
                description=f.cleaned_data["description"],
            )
            for f in forms_["needs"]
            if f.cleaned_data.get("title")
        ],
    }


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comments to the project"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required when the report is returned; sent to the project contact persons."),
    )


class NeedFilterForm(forms.Form):
    use_case = forms.ChoiceField(
        label=_("Use case"), required=False, choices=[("", _("All")), *UseCase.choices]
    )
    region = forms.ModelChoiceField(
        label=_("Welfare region"), required=False, queryset=welfare_regions(), empty_label=_("All")
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"use_case": self.cleaned_data["use_case"], "region": self.cleaned_data["region"]}
