"""The applicant's edit page, one section at a time: the call's form, the section shown, its form and
formsets, and what a save that met another window's save shows (the differences, the merged form)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.questionnaires.kinds import FormKind, display, from_json
from funding.enums import BudgetCategory
from funding.forms import (
    ATTACHMENTS,
    BUDGET,
    MAX_ROWS,
    PARTNERS,
    PROJECT,
    STRUCTURED_SECTIONS,
    ApplicationForm,
    budget_formset,
    build_draft,
    partner_formset,
    question_field_name,
)
from funding.selectors import answers as answer_selectors
from funding.services import EDITABLE_FIELDS, StaleApplication, merge


def extra_rows(request, name: str, default: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except (TypeError, ValueError):
        value = default
    return max(0, min(value, MAX_ROWS))


def page_formsets(request, application, data=None, section: str = ""):
    """The partners' and the budget's formsets, each only on its own section (None elsewhere)."""
    partner_set = budget_set = None
    if section == PARTNERS:
        partners = list(application.partners.all())
        partner_set = partner_formset(extra=extra_rows(request, "partners", 1 if partners else 2))(
            data,
            prefix="partners",
            initial=[
                {"name": p.name, "type": p.type, "role": p.role, "business_id": p.business_id}
                for p in partners
            ],
        )
    if section == BUDGET:
        lines = list(application.budget_lines.all())
        budget_set = budget_formset(extra=extra_rows(request, "budget", 1 if lines else 3))(
            data,
            prefix="budget",
            initial=[
                {"category": b.category, "year": b.year, "amount": b.amount, "description": b.description}
                for b in lines
            ],
            form_kwargs={"earliest_year": application.call.earliest_cost_date.year},
        )
    return partner_set, budget_set


class Page:
    """The applicant's page for one section: the call's form, the section shown and its questions."""

    def __init__(self, request, application):
        self.application = application
        self.form_sections = answer_selectors.call_form(application.call_id)
        self.questions = [q for s in self.form_sections for q in s.questions.all()]
        wanted = request.POST.get("section") or request.GET.get("section") or PROJECT
        ids = {f"s{s.pk}": s for s in self.form_sections}
        self.section = wanted if wanted in ids or wanted in STRUCTURED_SECTIONS else PROJECT
        self.form_section = ids.get(self.section)
        self.section_questions = list(self.form_section.questions.all()) if self.form_section else []
        self._attachments = None
        self._values = None

    @property
    def values(self) -> dict:
        if self._values is None:
            self._values = answer_selectors.application_answer_values(self.application)
        return self._values

    @property
    def attachments(self) -> list:
        if self._attachments is None:
            self._attachments = list(self.application.attachments.all())
        return self._attachments

    def removable(self) -> list:
        """The files this section may remove: the general attachments, or its file questions'."""
        if self.section == ATTACHMENTS:
            return [a for a in self.attachments if a.question_id is None]
        keys = {q.pk for q in self.section_questions if q.kind == FormKind.FILE}
        return [a for a in self.attachments if a.question_id in keys] if keys else []

    def nav(self) -> list[dict]:
        items = [(PROJECT, _("The project"))]
        items += [(f"s{s.pk}", s.title) for s in self.form_sections]
        items += [(PARTNERS, _("Partners")), (BUDGET, _("Budget")), (ATTACHMENTS, _("Attachments"))]
        return [{"id": ident, "title": title, "current": ident == self.section} for ident, title in items]

    def form(self, data=None, files=None, *, application=None):
        return ApplicationForm(
            data,
            files,
            call=self.application.call,
            section=self.section,
            questions=self.section_questions,
            attachments=self.removable(),
            initial=None if data is not None else self.initial(application or self.application),
        )

    def initial(self, application) -> dict:
        values = {name: getattr(application, name) for name in EDITABLE_FIELDS}
        values["version"] = application.version
        values["base"] = merge.base_sign(application)
        for question in self.section_questions:
            if question.kind != FormKind.FILE:
                values[question_field_name(question)] = from_json(question.kind, self.values.get(question.pk))
        return values


def _display(current, name: str, value) -> str:
    field = current._meta.get_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value) or "–")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "requested_amount":
        from funding.formatting import format_money

        return format_money(value)
    return value or "–"


def _part_display(rows, kind: str) -> str:
    from funding.formatting import format_money

    if kind == "partners":
        return "; ".join(p.name for p in rows) or "–"
    labels = dict(BudgetCategory.choices)
    return (
        "; ".join(f"{labels.get(b.category, b.category)} {b.year}: {format_money(b.amount)}" for b in rows)
        or "–"
    )


def _answer_display(question, value) -> str:
    from funding.formatting import format_money

    return display(question.kind, value, choices=question.choice_list, money=format_money)


def page_conflicts(exc: StaleApplication, form, partner_set, budget_set) -> list[dict]:
    """Each part changed in both windows, with the stored value and this person's."""
    current = exc.current
    draft = build_draft(form, partner_set, budget_set)
    questions = {q.key: q for q in form.questions}
    stored = merge.stored_comparable(current)
    differences = []
    for name in exc.conflicts:
        if name == "partners":
            saved = _part_display(list(current.partners.order_by("order", "id")), "partners")
            differences.append(
                {"label": _("Partners"), "saved": saved, "yours": _part_display(draft.partners or [], name)}
            )
        elif name == "budget_lines":
            saved = _part_display(list(current.budget_lines.order_by("order", "id")), "budget")
            differences.append(
                {
                    "label": _("Budget"),
                    "saved": saved,
                    "yours": _part_display(draft.budget_lines or [], "budget"),
                }
            )
        elif name.startswith(merge.ANSWER):
            question = questions.get(name[len(merge.ANSWER) :])
            if question is None:
                continue
            differences.append(
                {
                    "label": question.label,
                    "saved": _answer_display(question, stored.get(name)),
                    "yours": _answer_display(question, draft.answers.get(question.key)),
                }
            )
        else:
            label = (
                form.fields[name].label if name in form.fields else current._meta.get_field(name).verbose_name
            )
            differences.append(
                {
                    "label": label,
                    "saved": _display(current, name, getattr(current, name)),
                    "yours": _display(current, name, draft.values.get(name)),
                }
            )
    return differences


def _put_answer(data, question, value) -> None:
    """Put a stored answer into posted form data, as the question's field sends it."""
    name = question_field_name(question)
    if question.kind == FormKind.MULTIPLE_CHOICE:
        data.setlist(name, list(value or []))
    elif question.kind == FormKind.YES_NO:
        value = value if isinstance(value, dict) else {}
        answer = value.get("answer")
        data[f"{name}_0"] = "" if answer is None else ("yes" if answer else "no")
        data[f"{name}_1"] = value.get("explanation") or ""
    elif question.kind == FormKind.CONFIRM:
        if value is True:
            data[name] = "on"
        else:
            data.pop(name, None)
    else:
        data[name] = "" if value is None else str(value)


def merged_data(request, exc: StaleApplication, page: Page):
    """The posted form, moved onto the stored version: parts changed only there are shown as stored."""
    current = exc.current
    data = request.POST.copy()
    data["version"] = str(current.version)
    data["base"] = merge.base_sign(current)
    questions = {q.key: q for q in page.section_questions}
    stored = merge.stored_comparable(current) if any(n.startswith(merge.ANSWER) for n in exc.take) else {}
    for name in exc.take:
        if name in ("partners", "budget_lines"):
            prefix = "partners" if name == "partners" else "budget"
            for key in [k for k in data if k.startswith(f"{prefix}-")]:
                del data[key]
            if name == "partners":
                rows = [
                    {"name": p.name, "type": p.type, "role": p.role, "business_id": p.business_id}
                    for p in current.partners.order_by("order", "id")
                ]
            else:
                rows = [
                    {
                        "category": b.category,
                        "year": b.year,
                        "amount": str(b.amount),
                        "description": b.description,
                    }
                    for b in current.budget_lines.order_by("order", "id")
                ]
            data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(len(rows))})
            for i, row in enumerate(rows):
                data.update({f"{prefix}-{i}-{key}": str(value) for key, value in row.items()})
            continue
        if name.startswith(merge.ANSWER):
            question = questions.get(name[len(merge.ANSWER) :])
            if question is not None:
                _put_answer(data, question, stored.get(name))
            continue
        value = getattr(current, name)
        data[name] = "" if value is None else str(value)
    return data
