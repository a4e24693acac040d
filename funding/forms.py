"""The application form: sections, partners and budget lines as plain formsets (no JavaScript needed)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import formset_factory
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from core.formrender import FastFormRenderer
from core.forms import MoneyField
from core.questionnaires.kinds import FormKind, form_field, to_json
from funding.enums import BudgetCategory, UseCase
from funding.models import Application
from funding.services import BudgetLineData, Draft, PartnerData
from funding.validators import ATTACHMENT_MAX_BYTES
from members.enums import OrganisationType
from members.validators import validate_business_id

MAX_ROWS = 50


# The applicant's page renders one large form and two formsets: Django's markup, built in Python.
FAST_RENDERER = FastFormRenderer()


#: The applicant's page edits one section at a time: the structured parts are sections of their own
#: beside the call's form sections (``s<id>``).
PROJECT, PARTNERS, BUDGET, ATTACHMENTS = "project", "partners", "budget", "attachments"
STRUCTURED_SECTIONS = (PROJECT, PARTNERS, BUDGET, ATTACHMENTS)


def _label(name: str) -> str:
    return capfirst(Application._meta.get_field(name).verbose_name)


def question_field_name(question) -> str:
    return f"q_{question.key}"


class ApplicationForm(forms.Form):
    """One section of the application: the project's structured texts, the budget's requested amount,
    the attachments, or the questions of one section of the call's form (typed fields from
    ``core.questionnaires.kinds``). Nothing is required in a draft; the submission checks."""

    default_renderer = FAST_RENDERER
    version = forms.IntegerField(widget=forms.HiddenInput)
    # What the form was loaded with, signed (funding.services.merge): a save that finds the draft
    # saved in between keeps the other window's changes instead of reverting them.
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, call, section: str = PROJECT, questions=(), attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.section = section
        self.questions = list(questions)
        self.structured: list[str] = []
        if section == PROJECT:
            labels = dict(UseCase.choices)
            self.fields["project_name"] = forms.CharField(
                label=_label("project_name"),
                max_length=200,
                required=False,
                help_text=_("A short, descriptive name."),
            )
            self.fields["use_case"] = forms.ChoiceField(
                label=_label("use_case"),
                required=False,
                choices=[("", _("Choose a use case"))]
                + [(code, labels[code]) for code in call.use_cases if code in labels],
            )
            self.fields["summary"] = forms.CharField(
                label=_label("summary"),
                max_length=2000,
                required=False,
                help_text=_("The project in a few sentences."),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.structured = ["project_name", "use_case", "summary"]
        elif section == BUDGET:
            self.fields["requested_amount"] = MoneyField(
                label=_("Funding requested (€)"),
                required=False,
                min_value=Decimal("0"),
                help_text=_("At most the call's maximum share of the total costs."),
            )
            self.structured = ["requested_amount"]
        elif section == ATTACHMENTS:
            self.fields["new_attachment"] = forms.FileField(
                label=_("Add an attachment"),
                required=False,
                help_text=_("PDF, Word (DOCX) or Excel (XLSX), at most %(size)s MB.")
                % {"size": ATTACHMENT_MAX_BYTES // 2**20},
            )
        for question in self.questions:
            self.fields[question_field_name(question)] = form_field(question, required=False)
        if attachments:
            self.fields["remove_attachments"] = forms.TypedMultipleChoiceField(
                label=_("Remove attachments"),
                required=False,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                choices=[(a.pk, a.filename) for a in attachments],
            )

    def draft_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.structured}

    def answers(self) -> dict:
        """The answers of this section's questions by key, as stored (files aside)."""
        return {
            q.key: to_json(q.kind, self.cleaned_data.get(question_field_name(q)))
            for q in self.questions
            if q.kind != FormKind.FILE
        }

    def question_files(self) -> dict:
        files = {}
        for q in self.questions:
            upload = self.cleaned_data.get(question_field_name(q)) if q.kind == FormKind.FILE else None
            if upload:
                files[q.key] = [upload]
        return files


class PartnerForm(forms.Form):
    default_renderer = FAST_RENDERER
    name = forms.CharField(label=_("Organisation"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *OrganisationType.choices])
    role = forms.CharField(label=_("Role in the project"), max_length=500, required=False)
    business_id = forms.CharField(
        label=_("Business ID"), max_length=9, required=False, validators=[validate_business_id]
    )


class BudgetLineForm(forms.Form):
    default_renderer = FAST_RENDERER
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *BudgetCategory.choices])
    year = forms.IntegerField(label=_("Year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = MoneyField(label=_("Amount (€)"), min_value=Decimal("0.01"))
    description = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args, earliest_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earliest_year = earliest_year
        self.fields["year"].widget.attrs["inputmode"] = "numeric"

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.earliest_year and year < self.earliest_year:
            raise forms.ValidationError(
                _("Only costs from %(year)s on are eligible."), params={"year": self.earliest_year}
            )
        return year


class BaseRowsFormSet(forms.BaseFormSet):
    """Rows left empty are ignored; a row marked for removal is dropped."""

    def rows(self) -> list[dict]:
        rows = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form):
                continue
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            rows.append(form.cleaned_data)
        return rows


def partner_formset(*, extra: int):
    return formset_factory(
        PartnerForm,
        renderer=FAST_RENDERER,
        formset=BaseRowsFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
    )


def budget_formset(*, extra: int):
    return formset_factory(
        BudgetLineForm,
        renderer=FAST_RENDERER,
        formset=BaseRowsFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
    )


def build_draft(form: ApplicationForm, partners, budget) -> Draft:
    """The draft of one section: the partners and the budget lines only when their formset was sent."""
    return Draft(
        values=form.draft_values(),
        answers=form.answers(),
        partners=None
        if partners is None
        else [
            PartnerData(
                name=" ".join(row["name"].split()),
                type=row["type"],
                role=row.get("role", "").strip(),
                business_id=row.get("business_id", "").strip(),
            )
            for row in partners.rows()
        ],
        budget_lines=None
        if budget is None
        else [
            BudgetLineData(
                category=row["category"],
                year=row["year"],
                amount=row["amount"].quantize(Decimal("0.01")),
                description=row.get("description", "").strip(),
            )
            for row in budget.rows()
        ],
    )


class StartForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Lead applicant"), coerce=int)
    project_name = forms.CharField(label=_("Project name"), max_length=200, required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


def parse_decimal(value) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


# --- The steering group's review (admin pages) -------------------------------------------------------


class EligibilityForm(forms.Form):
    eligible = forms.TypedChoiceField(
        label=_("Does the application meet the call's rules?"),
        choices=[("1", _("Eligible")), ("0", _("Not eligible"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the application is not eligible; the applicant will see it."),
    )

    def clean(self):
        data = super().clean()
        if data.get("eligible") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason why the application is not eligible."))
        return data


class AssignReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, reviewers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = reviewers
        self.fields["reviewers"].label_from_instance = lambda user: user.get_full_name() or user.email


NOT_APPLICABLE = "na"


#: What the scores of a 1–5 scale mean when the call has not said it for a criterion.
GENERAL_MEANINGS = [_("poor"), _("weak"), _("satisfactory"), _("good"), _("excellent")]


def score_choices(criterion) -> list[tuple[str, str]]:
    """The scores of a criterion as radio buttons, each labelled with what it means."""
    values = range(criterion.scale_min, criterion.scale_max + 1)
    meanings = criterion.meanings
    if not meanings and (criterion.scale_min, criterion.scale_max) == (1, 5):
        meanings = GENERAL_MEANINGS
    choices = []
    for index, value in enumerate(values):
        meaning = meanings[index] if index < len(meanings) else ""
        choices.append((str(value), f"{value} – {meaning}" if meaning else str(value)))
    if criterion.allow_not_applicable:
        choices.append((NOT_APPLICABLE, _("Not applicable")))
    return choices


class ReviewForm(forms.Form):
    """One score (and comment) per criterion, the recommendation and a free comment.

    The scores are radio buttons labelled with their meaning: one click (or arrow key) each, no script.
    """

    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"), required=False, widget=forms.RadioSelect, choices=()
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria=(), **kwargs):
        from funding.enums import Recommendation

        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.fields["recommendation"].choices = Recommendation.choices
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                choices=score_choices(criterion),
                required=False,
                widget=forms.RadioSelect,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def criterion_rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict:
        from funding.services.review import ScoreData

        scores = {}
        for criterion in self.criteria:
            raw = self.cleaned_data.get(f"score_{criterion.pk}") or ""
            comment = self.cleaned_data.get(f"comment_{criterion.pk}") or ""
            if raw == NOT_APPLICABLE:
                scores[criterion.pk] = ScoreData(None, True, comment)
            elif raw or comment:
                scores[criterion.pk] = ScoreData(int(raw) if raw else None, False, comment)
        return scores


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you are conflicted (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InformationRequestForm(forms.Form):
    message = forms.CharField(
        label=_("What do you want to ask the applicant?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    answer_due = forms.DateField(
        label=_("Answer by (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The applicant is reminded by email two days before; the deadline is the end of the day."
        ),
    )

    def clean_answer_due(self):
        """The end of the chosen day in Finnish time, as the applicant reads the deadline."""
        day = self.cleaned_data.get("answer_due")
        if day is None:
            return None
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(day, time(23, 59)))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class InformationAnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    files = MultipleFileField(
        label=_("Files with the answer (optional)"),
        required=False,
        help_text=_("PDF, Word (DOCX) or Excel (XLSX), at most 10 MB each and five files."),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=())
    granted_amount = MoneyField(label=_("Funding granted (€)"), required=False)
    grounds = forms.CharField(
        label=_("Grounds for the applicant"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(
        label=_("Notes for the steering group (not in the letter)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, outcomes=(), language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = list(outcomes)
        if language:
            name = get_language_info(language)["name_translated"]
            self.fields["grounds"].label = _("Grounds for the applicant, in %(language)s") % {
                "language": name
            }
            self.fields["grounds"].help_text = _(
                "The applicant's language is %(language)s: the decision letter quotes these grounds as "
                "written here."
            ) % {"language": name}

    def clean(self):
        from funding.enums import ApplicationStatus

        data = super().clean()
        if data.get("outcome") == ApplicationStatus.FUNDED and not data.get("granted_amount"):
            self.add_error("granted_amount", _("Give the granted amount for a funding decision."))
        return data


class MoveForm(forms.Form):
    new_status = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect, choices=())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_status"].choices = list(statuses)
