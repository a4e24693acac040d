"""The call's rules: the applicant's sections, who may lead an application, the money rules and
what a complete application needs. Services and views share them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.questionnaires.kinds import FormKind, is_answered
from funding.formatting import format_money, format_percent, share_percent
from funding.models import Application, FundingCall
from members.enums import MembershipStatus, OrganisationType

if TYPE_CHECKING:
    from members.selectors import Organisation

#: The applicant's structured texts, on every call's form (rules and public pages read them); the
#: call's own questions follow in its form (funding.models.forms).
TEXT_FIELDS = ["project_name", "use_case", "summary"]
EDITABLE_FIELDS = [*TEXT_FIELDS, "requested_amount"]
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def ineligibility_reason(*, call: FundingCall, organisation: Organisation) -> str | None:
    """Why ``organisation`` cannot lead an application to ``call`` (None: it can)."""
    if organisation.status != MembershipStatus.MEMBER:
        return gettext(
            "%(organisation)s is not yet an approved member of the network, so it cannot apply."
        ) % {"organisation": organisation}
    if not call.eligible_organisations.filter(pk=organisation.pk).exists():
        return gettext(
            "%(organisation)s cannot be the lead applicant in this call: the lead applicant must be a "
            "welfare region, the HUS Group or the City of Helsinki. It can take part as a partner in "
            "their projects."
        ) % {"organisation": organisation}
    return None


def money_problems(*, call: FundingCall, requested: Decimal | None, lines: Sequence) -> list[str]:
    """The call's money rules: no cost before the earliest eligible date, at most the maximum share."""
    problems = []
    earliest_year = call.earliest_cost_date.year
    early_years = sorted({line.year for line in lines if line.year < earliest_year})
    if early_years:
        problems.append(
            gettext("Only costs from %(date)s on are eligible: remove the cost lines for %(years)s.")
            % {
                "date": formats.date_format(call.earliest_cost_date, "SHORT_DATE_FORMAT"),
                "years": ", ".join(str(year) for year in early_years),
            }
        )
    total = sum((line.amount for line in lines), Decimal("0.00"))
    if requested is not None and requested < 0:
        problems.append(gettext("The funding requested cannot be negative."))
    elif requested is not None and total > 0 and requested * 100 > call.max_share * total:
        problems.append(
            gettext(
                "The funding requested, %(requested)s, is %(share)s of the total costs of %(total)s. "
                "The call funds at most %(max)s: request at most %(limit)s."
            )
            % {
                "requested": format_money(requested),
                "share": format_percent(share_percent(requested, total)),
                "total": format_money(total),
                "max": format_percent(call.max_share),
                "limit": format_money(
                    (call.max_share * total / 100).quantize(Decimal("0.01"), "ROUND_FLOOR")
                ),
            }
        )
    return problems


def missing_items(
    application: Application, *, lines=None, partners=None, questions=None, values=None
) -> list[str]:
    """Everything that keeps the application from being submitted, all at once: the structured
    parts and the required questions of the call's form (``questions`` in order, ``values``:
    question id → stored answer; both read when not given)."""
    from funding.selectors.answers import application_answer_values, call_questions

    lines = list(application.budget_lines.all()) if lines is None else lines
    partners = list(application.partners.all()) if partners is None else partners
    questions = call_questions(application.call_id) if questions is None else questions
    values = application_answer_values(application) if values is None else values
    problems = []
    for name in TEXT_FIELDS:
        if not str(getattr(application, name) or "").strip():
            label = capfirst(Application._meta.get_field(name).verbose_name)
            problems.append(gettext("%(field)s is missing.") % {"field": label})
    unanswered = [q for q in questions if q.required and not is_answered(q.kind, values.get(q.pk))]
    for question in unanswered:
        if question.kind != FormKind.CONFIRM:
            problems.append(gettext("%(field)s is missing.") % {"field": capfirst(question.label)})
    if application.use_case and application.use_case not in application.call.use_cases:
        problems.append(gettext("The use case chosen is not one of this call's use cases."))
    if not lines:
        problems.append(gettext("The budget has no cost lines."))
    if application.requested_amount is None or application.requested_amount <= 0:
        problems.append(gettext("The funding requested is missing."))
    problems.extend(
        money_problems(call=application.call, requested=application.requested_amount, lines=lines)
    )
    for question in unanswered:
        if question.kind == FormKind.CONFIRM:
            problems.append(
                gettext("Confirm the commitment: %(commitment)s") % {"commitment": question.label}
            )
    for partner in partners:
        if not partner.name.strip() or partner.type not in OrganisationType.values:
            problems.append(gettext("Every partner needs a name and a type."))
            break
    return problems


def grant_problems(
    *, call: FundingCall, requested: Decimal | None, total: Decimal, granted: Decimal
) -> list[str]:
    """The call's rules for a grant: at most what was requested and at most the call's maximum share of
    the eligible (total) costs. Exact arithmetic: the rounded share shown on pages is never compared."""
    problems = []
    if requested is not None and granted > requested:
        problems.append(
            gettext(
                "The amount granted, %(granted)s, is more than the %(requested)s the applicant requested."
            )
            % {"granted": format_money(granted), "requested": format_money(requested)}
        )
    if total <= 0:
        problems.append(gettext("The application has no eligible costs, so no funding can be granted."))
    elif granted * 100 > call.max_share * total:
        problems.append(
            gettext(
                "The amount granted, %(granted)s, is %(share)s of the eligible costs of %(total)s. "
                "The call funds at most %(max)s: grant at most %(limit)s."
            )
            % {
                "granted": format_money(granted),
                "share": format_percent(share_percent(granted, total)),
                "total": format_money(total),
                "max": format_percent(call.max_share),
                "limit": format_money(
                    (call.max_share * total / 100).quantize(Decimal("0.01"), "ROUND_FLOOR")
                ),
            }
        )
    return problems
