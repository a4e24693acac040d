"""The call's review criteria: the defaults a call starts with."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from core.audit import audit_log
from core.locks import lock_row
from funding.enums import AuditAction
from funding.models import Criterion, FundingCall
from funding.services.moves import _require

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


def call_add_default_criteria(*, call: FundingCall, actor) -> list[Criterion]:
    """Give a call the default criteria, unless it already has criteria."""
    _require(actor, "funding.add_criterion")
    with transaction.atomic():
        locked = lock_row(call)
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
