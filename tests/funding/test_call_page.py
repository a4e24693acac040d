"""The call page names the time zone of its close; the example round's texts agree with its own dates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from funding import demo
from tests.funding.factories import FundingCallFactory

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "klo 16.00 Suomen aikaa"),
        ("sv", "kl. 16:00 finsk tid"),
        ("en", "16:00 Finnish time"),
    ],
)
def test_the_close_moment_is_stated_with_its_zone(client, language, expected):
    FundingCallFactory(
        published=True,
        opens_at=datetime(2026, 9, 1, 9, 0, tzinfo=HELSINKI),
        closes_at=datetime(2099, 10, 25, 16, 0, tzinfo=HELSINKI),
    )
    html = client.get(f"/{language}/funding/").content.decode().replace("\xa0", " ")
    assert expected in html


def test_the_example_rounds_texts_follow_its_own_dates():
    call = demo.seed_demo_round(now=datetime(2026, 12, 2, 12, 0, tzinfo=HELSINKI))
    assert call.earliest_cost_date.isoformat() == "2027-01-01"
    answers = " ".join(call.questions.values_list("answer_fi", flat=True))
    assert "1.1.2027" in answers and "2025" not in answers
    assert "1 January 2027" in " ".join(call.questions.values_list("answer_en", flat=True))
    for text in (call.process_fi, call.process_sv, call.process_en):
        assert "2024" not in text
    assert "15.1.2027" in call.process_fi  # chosen two weeks after the close on 1.1.2027
    for text in (call.description_fi, call.description_sv, call.description_en):
        assert "2027" in text and "2028" in text and "2025" not in text
