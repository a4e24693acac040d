"""Statistics of the submitted applications for the steering group: how many, and how much funding they ask
for, per use case and per welfare region of the lead applicant (reads only; a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext

from funding.enums import ApplicationStatus, UseCase
from funding.models import Application, FundingCall
from members.selectors import welfare_regions

ZERO = Decimal("0.00")

#: Applications that count: submitted, whatever became of them after that (not drafts, not withdrawn).
NOT_COUNTED = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    applications: int
    requested: Decimal

    def share_of(self, total: Row) -> Decimal | None:
        """This row's part of the requested funding, in per cent (None when nothing was requested)."""
        if not total.requested:
            return None
        return (self.requested * 100 / total.requested).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Statistics:
    call: FundingCall | None
    total: Row
    by_use_case: list[Row]
    by_region: list[Row]


def submitted_applications(*, call: FundingCall | None = None) -> QuerySet[Application]:
    applications = Application.objects.exclude(status__in=NOT_COUNTED)
    return applications.filter(call=call) if call is not None else applications


def _figures(applications: QuerySet[Application], field: str) -> dict:
    rows = applications.order_by().values(field).annotate(n=Count("id"), requested=Sum("requested_amount"))
    return {row[field]: (row["n"], row["requested"] or ZERO) for row in rows}


def application_statistics(*, call: FundingCall | None = None) -> Statistics:
    """Applications and requested funding per use case and per welfare region (three queries).

    Every use case and every welfare region has a row, zeros included, so the tables of two calls can
    be compared; applications without a use case, or whose lead applicant is in no welfare region (HUS,
    the City of Helsinki), get a row of their own when there are any.
    """
    applications = submitted_applications(call=call)
    by_use_case = _figures(applications, "use_case")
    by_region = _figures(applications, "organisation__region")

    use_case_rows = [
        Row(code, str(label), *by_use_case.get(code, (0, ZERO))) for code, label in UseCase.choices
    ]
    if "" in by_use_case or None in by_use_case:
        n, requested = _sum([by_use_case.get(""), by_use_case.get(None)])
        use_case_rows.append(Row("", gettext("No use case given"), n, requested))

    region_rows = [
        Row(str(region.pk), region.name, *by_region.get(region.pk, (0, ZERO))) for region in welfare_regions()
    ]
    if None in by_region:
        region_rows.append(Row("", gettext("Not in a welfare region"), *by_region[None]))

    n, requested = _sum(by_use_case.values())
    total = Row("total", gettext("Total"), n, requested)
    return Statistics(call=call, total=total, by_use_case=use_case_rows, by_region=region_rows)


def _sum(figures) -> tuple[int, Decimal]:
    figures = [f for f in figures if f is not None]
    return sum(n for n, _r in figures), sum((r for _n, r in figures), ZERO)


def statistics_calls() -> QuerySet[FundingCall]:
    """The calls to filter by, latest first."""
    return FundingCall.objects.order_by("-opens_at", "-id")
