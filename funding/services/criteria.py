"""The call's review criteria: the defaults a call starts with, copies from another call or the default
template, and changes to them until they freeze.

The criteria and their weights freeze when the first review of the call is submitted: from then on a
ranking is being built from them, and a change would silently reorder applications already scored
(and perhaps decided). A change after that is refused; a call whose criteria must change is a new round.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import AuditAction, ReviewStatus
from funding.models import Criterion, FundingCall, Review
from funding.services import FundingError
from funding.services.moves import _require

#: What a change to a criterion can touch, as the audit entry records it.
CRITERION_FIELDS = ("name", "scale_min", "scale_max", "weight", "required", "allow_not_applicable", "order")

DEFAULT_CRITERIA: list[tuple[str, str, str, Decimal]] = [
    (
        "Vaikuttavuus ja sen arviointi",
        "Effekter och utvärderingen av dem",
        "Effectiveness and its evaluation",
        Decimal("2"),
    ),
    (
        "Kansallisen skaalautumisen ja käyttöönoton mahdollisuus",
        "Möjlighet till nationell skalning och ibruktagning",
        "Potential for national scaling and deployment",
        Decimal("2"),
    ),
    (
        "Toteutettavuus ja konkreettiset tulokset 2025–2026",
        "Genomförbarhet och konkreta resultat 2025–2026",
        "Feasibility and concrete results in 2025–2026",
        Decimal("1.5"),
    ),
    ("Toimijoiden välinen yhteistyö", "Samarbete mellan aktörer", "Cooperation between actors", Decimal("1")),
    (
        "Vastuullinen tekoäly ja datan laatu",
        "Ansvarsfull AI och datakvalitet",
        "Responsible AI and data quality",
        Decimal("1.5"),
    ),
    (
        "Kustannukset suhteessa tuloksiin",
        "Kostnader i förhållande till resultaten",
        "Costs in relation to results",
        Decimal("1"),
    ),
]


#: What a copy carries over from the source's criteria (translated texts in every language).
COPIED_FIELDS = (
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "score_meanings_fi",
    "score_meanings_sv",
    "score_meanings_en",
    "scale_min",
    "scale_max",
    "weight",
    "required",
    "allow_not_applicable",
)


def default_criteria_data() -> list[dict]:
    """The default template: the 2024 call's criteria, as ``call_criteria_copy`` copies them."""
    return [
        {
            "name_fi": fi,
            "name_sv": sv,
            "name_en": en,
            "description_fi": "",
            "description_sv": "",
            "description_en": "",
            "score_meanings_fi": "",
            "score_meanings_sv": "",
            "score_meanings_en": "",
            "scale_min": 1,
            "scale_max": 5,
            "weight": weight,
            "required": True,
            "allow_not_applicable": False,
        }
        for fi, sv, en, weight in DEFAULT_CRITERIA
    ]


def call_criteria_data(call: FundingCall) -> list[dict]:
    """The call's criteria in order, as plain values (what a copy of them carries)."""
    return list(Criterion.objects.filter(call_id=call.pk).order_by("order", "id").values(*COPIED_FIELDS))


def criteria_copy_refused_reason(*, call: FundingCall) -> str:
    """Why the call's criteria can no longer be replaced by a copy ('' while they can).

    Stricter than a change of weights: a copy deletes the old criteria, and with them the scores of
    any review already begun, draft or not."""
    if Review.objects.filter(application__call_id=call.pk).exists():
        return gettext(
            "The evaluation criteria of %(call)s cannot be replaced: reviews of its applications have "
            "already begun. Nothing was changed."
        ) % {"call": call}
    return ""


def criteria_frozen_reason(*, call: FundingCall) -> str:
    """Why the call's criteria can no longer change ('' while they can)."""
    first = (
        Review.objects.filter(application__call_id=call.pk, status=ReviewStatus.SUBMITTED)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    if first is None:
        return ""
    return gettext(
        "The evaluation criteria and their weights are frozen: the first review of this call was "
        "submitted on %(date)s, and a change would change the ranking built from the reviews. "
        "Nothing was changed."
    ) % {"date": formats.date_format(timezone.localtime(first), "SHORT_DATE_FORMAT")}


def _refuse_if_frozen(call: FundingCall) -> None:
    reason = criteria_frozen_reason(call=call)
    if reason:
        raise FundingError(reason, code="criteria_frozen")


def _snapshot(criterion: Criterion) -> dict:
    values = {name: getattr(criterion, name) for name in CRITERION_FIELDS}
    return {name: str(value) if isinstance(value, Decimal) else value for name, value in values.items()}


def call_criteria_change(
    *,
    call: FundingCall,
    actor,
    saved: Sequence[Criterion] = (),
    deleted: Sequence[Criterion] = (),
) -> None:
    """Save new or changed criteria of ``call`` and delete others, refused once the criteria are frozen.

    ``saved`` are unsaved instances as the coordinator edited them (new ones without a primary key).
    """
    _require(actor, "funding.change_criterion")
    if not saved and not deleted:
        return
    with transaction.atomic():
        locked = lock_row(call)
        _refuse_if_frozen(locked)
        stored = {c.pk: c for c in Criterion.objects.filter(call=locked)}
        old, new = {}, {}
        for criterion in saved:
            if criterion.call_id != locked.pk:
                raise FundingError(gettext("The criterion belongs to another call."), code="invalid")
            if criterion.pk in stored:
                old[criterion.pk] = _snapshot(stored[criterion.pk])
            criterion.save()
            new[criterion.pk] = _snapshot(criterion)
        for criterion in deleted:
            if criterion.pk in stored:
                old[criterion.pk] = _snapshot(stored[criterion.pk])
                stored[criterion.pk].delete()
        audit_log(action=AuditAction.CALL_CRITERIA_CHANGED, actor=actor, obj=locked, old=old, new=new)


def call_add_default_criteria(*, call: FundingCall, actor) -> list[Criterion]:
    """Give a call the default criteria, unless it already has criteria."""
    _require(actor, "funding.add_criterion")
    with transaction.atomic():
        locked = lock_row(call)
        _refuse_if_frozen(locked)
        if Criterion.objects.filter(call=locked).exists():
            return []
        created = [
            Criterion.objects.create(
                call=locked,
                name_fi=fi,
                name_sv=sv,
                name_en=en,
                name=fi,
                weight=weight,
                allow_not_applicable=False,
                order=index,
            )
            for index, (fi, sv, en, weight) in enumerate(DEFAULT_CRITERIA)
        ]
        audit_log(
            action=AuditAction.CALL_CRITERIA_ADDED,
            actor=actor,
            obj=locked,
            new={"criteria": [c.name_en for c in created]},
        )
    return created


def call_criteria_copy(*, call: FundingCall, source: FundingCall | None, actor) -> list[Criterion]:
    """Replace ``call``'s criteria with a copy of ``source``'s (None: the default template, the 2024
    criteria). Refused once any review of the call exists; one audit entry."""
    _require(actor, "funding.add_criterion")
    _require(actor, "funding.delete_criterion")
    if source is not None and source.pk == call.pk:
        return list(Criterion.objects.filter(call_id=call.pk))
    with transaction.atomic():
        locked = lock_row(call)
        reason = criteria_copy_refused_reason(call=locked)
        if reason:
            raise FundingError(reason, code="criteria_frozen")
        data = default_criteria_data() if source is None else call_criteria_data(source)
        if source is not None and not data:
            raise FundingError(
                gettext("%(call)s has no evaluation criteria to copy. Nothing was changed.")
                % {"call": source},
                code="invalid",
            )
        old = [_snapshot(c) for c in Criterion.objects.filter(call=locked)]
        Criterion.objects.filter(call=locked).delete()
        created = [
            Criterion.objects.create(call=locked, name=values["name_fi"], order=index, **values)
            for index, values in enumerate(data)
        ]
        audit_log(
            action=AuditAction.CALL_CRITERIA_COPIED,
            actor=actor,
            obj=locked,
            old={"criteria": old},
            new={
                "source": source.pk if source is not None else "default",
                "criteria": [_snapshot(c) for c in created],
            },
        )
    return created
