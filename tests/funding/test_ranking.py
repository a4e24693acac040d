"""The ranking arithmetic, against values computed by hand.

Criteria: A (weight 2), B (weight 1), C (weight 1, "not applicable" allowed), all on 1–5.

- Alfa: reviewer 1 A5 B3 C4 → (10+3+4)/4 = 4.25; reviewer 2 A4 B4 C n/a → (8+4)/3 = 4.00;
  mean 4.125 → 4.13; spread 0.25. A third reviewer gave all 1s, then declared a conflict: not counted.
- Beta: A5 B5 C5 → 5.00; A2 B3 C3 → (4+3+3)/4 = 2.50; mean 3.75; spread 2.50 → strong disagreement.
- Gamma: A4 B3 C3 → 3.50; A4 B4 C4 → 4.00; mean 3.75 (tied with Beta); spread 0.50.
- Delta: no reviews → last, unranked.
Requested 1 200 000, 900 000, 800 000, 500 000 against a budget of 3 000 000: running totals
1 200 000, 2 100 000, 2 900 000, 3 400 000 → the budget runs out after Gamma.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from funding.models import Criterion
from funding.selectors.review import call_ranking
from funding.services import review as services
from funding.services.review import ScoreData
from tests.funding.factories import FundingCallFactory
from tests.funding.review_factories import (
    CriterionFactory,
    coordinator,
    decision_maker,
    reviewer,
    submitted_application,
)

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def world():
    call = FundingCallFactory(budget_min=D("2000000"), budget_max=D("3000000"))
    a = CriterionFactory(call=call, weight=D("2"))
    b = CriterionFactory(call=call, weight=D("1"))
    c = CriterionFactory(call=call, weight=D("1"), allow_not_applicable=True)
    actor = coordinator()
    first, second, third = reviewer(), reviewer(), reviewer()
    apps = {}
    for name, requested in (
        ("Alfa", "1200000"),
        ("Beta", "900000"),
        ("Gamma", "800000"),
        ("Delta", "500000"),
    ):
        application = submitted_application(call, project_name=name, requested_amount=D(requested))
        services.application_check_eligibility(application=application, actor=actor, eligible=True)
        services.reviewer_assign(applications=[application], reviewers=[first, second], actor=actor)
        apps[name] = application

    def review(name, person, values):
        scores = {
            criterion.pk: ScoreData(None, True) if value is None else ScoreData(value)
            for criterion, value in zip((a, b, c), values, strict=True)
        }
        services.review_save(
            application=apps[name], actor=person, scores=scores, recommendation="fund", submit=True
        )

    review("Alfa", first, (5, 3, 4))
    review("Alfa", second, (4, 4, None))
    services.reviewer_assign(applications=[apps["Alfa"]], reviewers=[third], actor=actor)
    review("Alfa", third, (1, 1, 1))
    services.conflict_declare(application=apps["Alfa"], actor=third)
    review("Beta", first, (5, 5, 5))
    review("Beta", second, (2, 3, 3))
    review("Gamma", first, (4, 3, 3))
    review("Gamma", second, (4, 4, 4))
    return {
        "call": call,
        "apps": apps,
        "first": first,
        "second": second,
        "third": third,
        "criteria": (a, b, c),
    }


def table(ranking):
    return [
        (
            row.application.project_name,
            row.rank,
            row.score,
            row.reviews,
            row.spread,
            row.disagreement,
            row.tied,
            row.running_total,
            row.within_budget,
            row.budget_line_after,
        )
        for row in ranking.rows
    ]


def test_the_ranking_matches_the_hand_computed_order_scores_ties_and_budget_line(world):
    ranking = call_ranking(call=world["call"], viewer=coordinator())
    assert table(ranking) == [
        ("Alfa", 1, D("4.13"), 2, D("0.25"), False, False, D("1200000"), True, False),
        ("Beta", 2, D("3.75"), 2, D("2.50"), True, True, D("2100000"), True, False),
        ("Gamma", 2, D("3.75"), 2, D("0.50"), False, True, D("2900000"), True, True),
        ("Delta", None, None, 0, None, False, False, D("3400000"), False, False),
    ]
    assert (ranking.budget, ranking.requested_total, ranking.hidden) == (D("3000000"), D("3400000"), 0)


def test_without_a_largest_total_the_smallest_is_the_budget(world):
    call = world["call"]
    call.budget_max = None
    call.save()
    ranking = call_ranking(call=call, viewer=decision_maker())
    assert [row.within_budget for row in ranking.rows] == [True, False, False, False]
    assert [row.budget_line_after for row in ranking.rows] == [True, False, False, False]


def test_a_changed_weight_changes_the_order(world):
    a, b, c = world["criteria"]
    Criterion.objects.filter(pk=a.pk).update(weight=D("1"))
    # Alfa: (5+3+4)/3 = 4.00, (4+4)/2 = 4.00 → 4.00; Beta: 5.00, (2+3+3)/3 = 2.666… → 3.833… → 3.83
    # (reviews are not rounded before the mean); Gamma: (4+3+3)/3 = 3.333…, 4.00 → 3.666… → 3.67.
    ranking = call_ranking(call=world["call"], viewer=coordinator())
    assert [(r.application.project_name, r.score) for r in ranking.rows] == [
        ("Alfa", D("4.00")),
        ("Beta", D("3.83")),
        ("Gamma", D("3.67")),
        ("Delta", None),
    ]


def test_a_reviewer_sees_only_the_rows_they_have_reviewed_and_a_conflicted_one_none(world):
    first_view = call_ranking(call=world["call"], viewer=world["first"])
    assert [row.application.project_name for row in first_view.rows] == ["Alfa", "Beta", "Gamma"]
    assert first_view.hidden == 1
    third_view = call_ranking(call=world["call"], viewer=world["third"])
    assert (third_view.rows, third_view.hidden) == ([], 4)


def test_the_exports_carry_the_ranking_with_criterion_means_and_recommendations(world):
    import csv
    import io

    from openpyxl import load_workbook

    from funding import exports
    from funding.selectors.answers import call_questions
    from tests.funding.helpers import pdf_text

    viewer = coordinator()
    header, rows = exports.ranking_table(call=world["call"], viewer=viewer)
    # The call's questions follow, one column each (tested in test_exports_forms).
    questions = len(call_questions(world["call"]))
    header, rows = header[:-questions], [row[:-questions] for row in rows]
    a, b, c = world["criteria"]
    assert header[-7:] == [a.name, b.name, c.name, *header[-4:-1], "Hakemuksen tunnus"]
    # Alfa: criterion means over the two counted reviews (the conflicted one's 1s left out): A 4.50,
    # B 3.50, C 4.00 (the other reviewer marked it not applicable); both recommended funding.
    alfa = world["apps"]["Alfa"]
    assert [rows[0][2], *rows[0][-7:]] == [
        "Alfa",
        D("4.50"),
        D("3.50"),
        D("4.00"),
        2,
        0,
        0,
        f"SOTE-{alfa.created_at.year}-{alfa.pk:04d}",
    ]
    assert [row[2] for row in rows] == ["Alfa", "Beta", "Gamma", "Delta"]

    parsed = list(
        csv.reader(io.StringIO(exports.ranking_csv(call=world["call"], viewer=viewer).decode("utf-8-sig")))
    )
    assert [line[2] for line in parsed[1:]] == ["Alfa", "Beta", "Gamma", "Delta"]
    assert parsed[1][11] == "4.13"

    sheet = load_workbook(io.BytesIO(exports.ranking_xlsx(call=world["call"], viewer=viewer))).active
    assert [sheet.cell(row=r, column=3).value for r in range(2, 6)] == ["Alfa", "Beta", "Gamma", "Delta"]
    assert sheet.cell(row=2, column=12).value == 4.13

    text = pdf_text(exports.ranking_bundle_pdf(call=world["call"], viewer=viewer, language="fi"))
    positions = [text.index(f"{n}. {name}") for n, name in ((1, "Alfa"), (2, "Beta"), (2, "Gamma"))]
    assert positions == sorted(positions)


def test_the_ranking_downloads_in_both_csv_dialects_and_as_xlsx_with_euro_and_percent_formats(world):
    import csv
    import io

    from django.test import Client
    from openpyxl import load_workbook

    client = Client()
    client.force_login(coordinator())
    base = f"/fi/admin/funding/application/ranking/{world['call'].pk}/ranking"
    page = client.get("/fi/admin/funding/application/ranking/").content.decode()
    assert f'href="{base}.csv"' in page and f'href="{base}.csv?dialect=excel-fi"' in page

    plain = client.get(f"{base}.csv").content.decode("utf-8-sig")
    excel = client.get(f"{base}.csv?dialect=excel-fi").content
    assert excel.startswith("\ufeff".encode())
    plain_rows = list(csv.reader(io.StringIO(plain)))
    excel_rows = list(csv.reader(io.StringIO(excel.decode("utf-8-sig")), delimiter=";"))
    # Alfa: requested 1 200 000 of 100 000 € costs (the factory's budget), running total, mean 4.13.
    assert plain_rows[1][2] == excel_rows[1][2] == "Alfa"
    assert [plain_rows[1][i] for i in (7, 8, 9, 11)] == ["1200000.00", "1200.00", "1200000.00", "4.13"]
    assert [excel_rows[1][i] for i in (7, 8, 9, 11)] == ["1200000,00", "1200,00", "1200000,00", "4,13"]

    sheet = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content)).active
    requested, share, running = (
        sheet.cell(row=2, column=8),
        sheet.cell(row=2, column=9),
        sheet.cell(row=2, column=10),
    )
    assert (requested.value, requested.number_format) == (1200000, '#,##0.00 "€"')
    assert (share.value, share.number_format) == (12, "0.00 %")
    assert (running.value, running.number_format) == (1200000, '#,##0.00 "€"')


def test_a_tie_straddling_the_budget_line_is_warned_of_not_broken_silently(world):
    from django.test import Client

    call = world["call"]
    call.budget_max = D("2100000")  # Alfa 1 200 000 + Beta 900 000 fit; Gamma, tied with Beta, does not
    call.save(update_fields=["budget_max"])
    ranking = call_ranking(call=call, viewer=coordinator())
    assert [(r.application.project_name, r.within_budget, r.tie_at_budget_line) for r in ranking.rows] == [
        ("Alfa", True, False),
        ("Beta", True, True),
        ("Gamma", False, True),
        ("Delta", False, False),
    ]
    assert [row.application.project_name for row in ranking.ties_at_budget_line] == ["Beta", "Gamma"]
    client = Client()
    client.force_login(coordinator())
    html = client.get(f"/fi/admin/funding/application/ranking/?call={call.pk}").content.decode()
    assert 'class="errornote ranking-tie-warning" role="alert"' in html
    assert html.count("tasapisteet budjettirajalla") == 2


def test_a_tie_inside_the_budget_is_not_a_warning(world):
    ranking = call_ranking(call=world["call"], viewer=coordinator())
    assert (ranking.ties_at_budget_line, [r.tie_at_budget_line for r in ranking.rows]) == ([], [False] * 4)


def test_the_meeting_bundle_carries_reviews_answers_and_attachments(world, tmp_path, settings):
    from django.core.files.base import ContentFile
    from pypdf import PdfReader

    from funding import exports
    from funding.models import Attachment, InformationRequest, Review
    from tests.funding.helpers import pdf_bytes, pdf_text

    alfa = world["apps"]["Alfa"]
    world["first"].first_name, world["first"].last_name = "Riikka", "Arvioija"
    world["first"].save()
    review = Review.objects.get(application=alfa, reviewer=world["first"])
    review.comment = "Vahva hanke kokonaisuutena."
    review.save()
    review.scores.filter(criterion=world["criteria"][0]).update(comment="Mittarit selkeät.")
    InformationRequest.objects.create(
        application=alfa,
        message="Tarkentakaa aikataulua.",
        response="Pilotti alkaa maaliskuussa.",
        responded_at=alfa.created_at,
    )
    content = pdf_bytes("Liitteen oma sivu")
    Attachment.objects.create(
        application=alfa,
        file=ContentFile(content, name="a.pdf"),
        filename="Suunnitelma.pdf",
        kind="pdf",
        size=len(content),
    )
    bundle = exports.ranking_bundle_pdf(call=world["call"], viewer=coordinator(), language="fi")
    text = " ".join(pdf_text(bundle).split())
    assert "Riikka Arvioija" in text
    assert "Vahva hanke kokonaisuutena." in text and "Mittarit selkeät." in text
    assert "Tarkentakaa aikataulua." in text and "Pilotti alkaa maaliskuussa." in text
    assert "Suunnitelma.pdf (PDF)" in text
    reader = PdfReader(__import__("io").BytesIO(bundle))
    assert "Liitteen oma sivu" in reader.pages[-1].extract_text()
    assert reader.outline[-1].title == "Alfa: Suunnitelma.pdf"
