"""The decision-maker's summary: every proposed decision of a call with what it rests on, and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from funding.enums import ApplicationStatus, DecisionStatus
from funding.formatting import share_percent
from funding.models import BudgetLine, Decision, FundingCall
from funding.selectors.review import RankingRow, call_ranking


@dataclass
class SummaryRow:
    decision: Decision
    ranking: RankingRow | None
    share: Decimal | None
    recommendations: dict[str, int]


@dataclass
class DecisionSummary:
    call: FundingCall
    rows: list[SummaryRow] = field(default_factory=list)
    budget: Decimal | None = None
    #: Funding in the pending proposals and in the decisions already confirmed.
    proposed_total: Decimal = Decimal(0)
    confirmed_total: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.proposed_total + self.confirmed_total

    @property
    def left(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.total

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.total > self.budget

    @property
    def pending(self) -> list[SummaryRow]:
        return [row for row in self.rows if row.decision.status == DecisionStatus.PENDING]


def funding_shares(amounts: dict[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Each application's amount (requested or granted) as a share of its total costs, by application
    id, in one query. The review's exports and summary take their shares from here only, and this takes
    them from the funding app's one share function."""
    totals = dict(
        BudgetLine.objects.filter(application__in=list(amounts))
        .values("application")
        .annotate(total=Sum("amount"))
        .values_list("application", "total")
    )
    return {pk: share_percent(amount, totals.get(pk)) for pk, amount in amounts.items()}


def _recommendations(row: RankingRow | None) -> dict[str, int]:
    counts = {"fund": 0, "maybe": 0, "do_not_fund": 0}
    for review in row.counted if row is not None else []:
        if review.recommendation in counts:
            counts[review.recommendation] += 1
    return counts


def decision_summary(*, call: FundingCall, viewer) -> DecisionSummary:
    """The pending decisions of the call (in ranking order) and the funding confirmed so far."""
    ranking = call_ranking(call=call, viewer=viewer)
    by_application = {row.application.pk: row for row in ranking.rows}
    decisions = list(
        Decision.objects.filter(application__call=call, status=DecisionStatus.PENDING).select_related(
            "application", "application__organisation", "proposed_by"
        )
    )
    shares = funding_shares({d.application_id: d.granted_amount for d in decisions})
    order = {pk: index for index, pk in enumerate(by_application)}
    decisions.sort(key=lambda d: (order.get(d.application_id, len(order)), d.application.project_name))
    summary = DecisionSummary(call=call, budget=ranking.budget)
    for decision in decisions:
        row = by_application.get(decision.application_id)
        summary.rows.append(
            SummaryRow(
                decision=decision,
                ranking=row,
                share=shares[decision.application_id],
                recommendations=_recommendations(row),
            )
        )
        summary.proposed_total += decision.granted_amount or Decimal(0)
    summary.confirmed_total = Decision.objects.filter(
        application__call=call, status=DecisionStatus.CONFIRMED, outcome=ApplicationStatus.FUNDED
    ).aggregate(total=Sum("granted_amount"))["total"] or Decimal(0)
    return summary
