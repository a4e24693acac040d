"""The steering-group meeting's material: the ranking with scores as CSV or XLSX, and one PDF bundle.

Reads only (selectors); the admin views that serve them check ``funding.export_applications``.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext

from core.csv_export import PLAIN, Dialect, csv_bytes, safe_cell_or_number
from core.questionnaires.kinds import display
from funding.formatting import format_money
from funding.models import Criterion, FundingCall
from funding.receipts import pdf_context
from funding.selectors.answers import applications_answer_values, call_questions
from funding.selectors.decisions import funding_shares
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


#: Positions of the euro amounts and of the share in :func:`ranking_table`'s rows (the XLSX formats them).
MONEY_COLUMNS = (7, 9)
SHARE_COLUMNS = (8,)
#: Excel's own number formats; each program shows the separators of its own locale.
MONEY_FORMAT = '#,##0.00 "€"'
SHARE_FORMAT = "0.00 %"


def answer_columns(*, call: FundingCall, application_ids: list[int], language: str | None = None):
    """The call's questions (labels in ``language``) and each application's answers as they read in it:
    one column per question, whatever the call asks. Five queries, however many applications and
    questions."""
    language = language or translation.get_language() or "fi"
    with translation.override(language):
        questions = call_questions(call)
        labels = [question.label for question in questions]
        choices = {question.pk: list(question.choice_list) for question in questions}
    values = applications_answer_values(application_ids)
    answers = {
        application_id: [
            display(
                question.kind,
                answers_of.get(question.pk),
                choices=choices[question.pk],
                language=language,
                money=format_money,
            )
            for question in questions
        ]
        for application_id, answers_of in values.items()
    }
    return labels, answers


def ranking_table(*, call: FundingCall, viewer) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the ranking with every criterion's mean score (values, not formatted), then
    one column per question of the call's form (the answers as they read in the active language)."""
    ranking: Ranking = call_ranking(call=call, viewer=viewer)
    criteria = list(Criterion.objects.filter(call=call))
    shares = funding_shares({row.application.pk: row.application.requested_amount for row in ranking.rows})
    labels, answers = answer_columns(call=call, application_ids=[row.application.pk for row in ranking.rows])
    header = [
        gettext("Rank"),
        gettext("Tie"),
        gettext("Application"),
        gettext("Lead applicant"),
        gettext("Welfare region"),
        gettext("Use case"),
        gettext("Status"),
        gettext("Funding requested (€)"),
        gettext("Share of the total costs (%)"),
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
        gettext("Application reference"),
        *labels,
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
                shares[application.pk],
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
                application.reference,
                *answers[application.pk],
            ]
        )
    return header, rows


def ranking_csv(*, call: FundingCall, viewer, dialect: Dialect = PLAIN) -> bytes:
    header, rows = ranking_table(call=call, viewer=viewer)
    return csv_bytes(header=header, rows=rows, keep_numbers=True, dialect=dialect)


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
        values = [safe_cell_or_number(float(v) if isinstance(v, Decimal) else v) for v in row]
        for index in SHARE_COLUMNS:
            if isinstance(values[index], float):
                values[index] = values[index] / 100
        sheet.append(values)
        for index in MONEY_COLUMNS:
            sheet.cell(row=sheet.max_row, column=index + 1).number_format = MONEY_FORMAT
        for index in SHARE_COLUMNS:
            sheet.cell(row=sheet.max_row, column=index + 1).number_format = SHARE_FORMAT
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _reviews_of(row, criteria, names: dict[int, str]) -> dict:
    """One application's counted reviews for the meeting: a score per criterion and reviewer, the
    comments, and each reviewer's recommendation."""
    reviews = sorted(row.counted, key=lambda review: (review.submitted_at, review.pk))
    na = gettext("not applicable")
    table = []
    for criterion in criteria:
        cells = []
        for review in reviews:
            score = next((s for s in review.scores.all() if s.criterion_id == criterion.pk), None)
            if score is None:
                cells.append("–")
            else:
                cells.append(
                    na if score.not_applicable else str(score.value if score.value is not None else "–")
                )
        table.append((criterion.name, cells))
    comments = [
        (names.get(review.reviewer_id, ""), criterion.name, score.comment)
        for review in reviews
        for criterion in criteria
        for score in review.scores.all()
        if score.criterion_id == criterion.pk and score.comment
    ]
    return {
        "reviewers": [names.get(review.reviewer_id, "") for review in reviews],
        "scores": table,
        "review_scores": row.review_scores,
        "comments": comments,
        "overall": [
            (names.get(review.reviewer_id, ""), review.get_recommendation_display(), review.comment)
            for review in reviews
        ],
    }


def _reviewer_names(rows) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    ids = {review.reviewer_id for row in rows for review in row.counted}
    return {
        user.pk: user.get_full_name() or user.email for user in get_user_model().objects.filter(pk__in=ids)
    }


def _append_pdf_attachments(bundle: bytes, entries: list[dict]) -> bytes:
    """The bundle followed by every PDF attachment in ranking order, each with a bookmark; a file that
    cannot be read as a PDF is left out (the bundle lists it all the same)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bundle)))
    for entry in entries:
        for attachment in entry["attachments"]:
            if attachment.kind != "pdf":
                continue
            try:
                with attachment.file.open("rb") as handle:
                    reader = PdfReader(io.BytesIO(handle.read()))
                    start = len(writer.pages)
                    writer.append(reader)
            except (OSError, PyPdfError, ValueError):
                continue
            writer.add_outline_item(f"{entry['application']}: {attachment.filename}", start)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ranking_bundle_pdf(*, call: FundingCall, viewer, language: str) -> bytes:
    """The meeting's bundle: the ranking first (with any tie at the budget line), then every eligible
    application in ranking order, each on a new page with its reviews (scores per criterion and
    reviewer, comments, recommendations), the answers to information requests and its attachments;
    the PDF attachments are appended at the end."""
    ranking = call_ranking(call=call, viewer=viewer)
    criteria = list(Criterion.objects.filter(call=call))
    names = _reviewer_names(ranking.rows)
    with translation.override(language):
        entries = []
        for row in ranking.rows:
            application = row.application
            lines = list(application.budget_lines.order_by("order", "id"))
            partners = list(application.partners.order_by("order", "id"))
            entries.append(
                {
                    "row": row,
                    **pdf_context(application, lines=lines, partners=partners, language=language),
                    "reviews": _reviews_of(row, criteria, names),
                    "information_requests": list(
                        application.information_requests.prefetch_related("files").order_by(
                            "requested_at", "id"
                        )
                    ),
                }
            )
    bundle = render_pdf(
        template="pdf/funding_bundle.html",
        context={"call": call, "ranking": ranking, "entries": entries},
        language=language,
    )
    return _append_pdf_attachments(bundle, entries)
