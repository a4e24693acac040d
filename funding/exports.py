"""The steering-group meeting's material: the ranking with scores as CSV or XLSX, and one PDF bundle.

Reads only (selectors); the admin views that serve them check ``funding.export_applications``.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext

from core.csv_export import csv_bytes, safe_cell_or_number
from funding.models import Criterion, FundingCall
from funding.receipts import pdf_context
from funding.selectors.review import Ranking, _q, call_ranking
from outbox.pdf import render_pdf


def _criterion_means(row, criteria) -> list[Decimal | None]:
    means = []
    for criterion in criteria:
        values = [
            Decimal(score.value)
            for review in row.counted
            for score in review.scores.all()
            if score.criterion_id == criterion.pk and not score.not_applicable and score.value is not None
        ]
        means.append(_q(sum(values, Decimal(0)) / len(values)) if values else None)
    return means


def _recommendations(row) -> dict[str, int]:
    counts = {"fund": 0, "maybe": 0, "do_not_fund": 0}
    for review in row.counted:
        if review.recommendation in counts:
            counts[review.recommendation] += 1
    return counts


def ranking_table(*, call: FundingCall, viewer) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the ranking with every criterion's mean score (values, not formatted)."""
    ranking: Ranking = call_ranking(call=call, viewer=viewer)
    criteria = list(Criterion.objects.filter(call=call))
    header = [
        gettext("Rank"),
        gettext("Tie"),
        gettext("Application"),
        gettext("Lead applicant"),
        gettext("Welfare region"),
        gettext("Use case"),
        gettext("Status"),
        gettext("Funding requested (€)"),
        gettext("Running total (€)"),
        gettext("Within the budget"),
        gettext("Weighted mean score"),
        gettext("Reviews"),
        gettext("Spread"),
        gettext("Strong disagreement"),
        *[criterion.name for criterion in criteria],
        gettext("Recommended: fund"),
        gettext("Recommended: maybe"),
        gettext("Recommended: do not fund"),
    ]
    yes, no = gettext("yes"), gettext("no")
    rows = []
    for row in ranking.rows:
        application = row.application
        counts = _recommendations(row)
        rows.append(
            [
                row.rank,
                yes if row.tied else no,
                application.project_name,
                application.organisation.name,
                str(application.organisation.region or ""),
                application.get_use_case_display(),
                application.get_status_display(),
                row.requested,
                row.running_total,
                yes if row.within_budget else no,
                row.score,
                row.reviews,
                row.spread,
                yes if row.disagreement else no,
                *_criterion_means(row, criteria),
                counts["fund"],
                counts["maybe"],
                counts["do_not_fund"],
            ]
        )
    return header, rows


def ranking_csv(*, call: FundingCall, viewer) -> bytes:
    header, rows = ranking_table(call=call, viewer=viewer)
    return csv_bytes(header=header, rows=rows, keep_numbers=True)


def ranking_xlsx(*, call: FundingCall, viewer) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, rows = ranking_table(call=call, viewer=viewer)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Ranking")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell_or_number(float(v) if isinstance(v, Decimal) else v) for v in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def ranking_bundle_pdf(*, call: FundingCall, viewer, language: str) -> bytes:
    """All eligible applications in ranking order, each starting on a new page, with the ranking first."""
    ranking = call_ranking(call=call, viewer=viewer)
    with translation.override(language):
        entries = []
        for row in ranking.rows:
            application = row.application
            lines = list(application.budget_lines.order_by("order", "id"))
            partners = list(application.partners.order_by("order", "id"))
            entries.append({"row": row, **pdf_context(application, lines=lines, partners=partners)})
    return render_pdf(
        template="pdf/funding_bundle.html",
        context={"call": call, "ranking": ranking, "entries": entries},
        language=language,
    )
