"""The migration of the fixed sections into answers of each call's form: nothing is lost."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("funding", "0008_call_forms")]
AFTER = [("funding", "0011_form_permissions")]
TEXT_KEYS = [
    "problem",
    "solution",
    "ai_used",
    "data_origin",
    "data_quality",
    "data_representativeness",
    "data_bias",
    "personal_data_basis",
    "effectiveness",
    "evaluation",
    "scaling",
    "cooperation",
    "schedule",
    "risks",
]
BOOLEAN_KEYS = [
    "commitment_legislation",
    "commitment_sharing",
    "commitment_evaluation",
    "commitment_responsible_ai",
    "research_willing",
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_every_application_keeps_every_text_and_commitment_as_an_answer_and_back():
    old = migrate(BEFORE)
    Organisation = old.get_model("members", "Organisation")
    FundingCall = old.get_model("funding", "FundingCall")
    Application = old.get_model("funding", "Application")
    now = timezone.now()
    calls = [
        FundingCall.objects.create(
            slug=f"haku-{n}",
            title=f"Haku {n}",
            title_fi=f"Haku {n}",
            opens_at=now - timedelta(days=400 - n),
            closes_at=now - timedelta(days=300 - n),
            budget_min=1000,
            earliest_cost_date=date(2025, 1, 1),
        )
        for n in range(2)
    ]
    organisation = Organisation.objects.create(name="Alue", type="welfare_region")
    originals = {}
    for n in range(5):
        texts = {key: f"{key} {n}: monirivinen\nteksti – åäö {'x' * n * 700}" for key in TEXT_KEYS}
        texts["risks"] = "" if n == 1 else texts["risks"]  # a blank text has no answer
        texts["scaling"] = "   " if n == 2 else texts["scaling"]
        booleans = {key: (n + i) % 2 == 0 for i, key in enumerate(BOOLEAN_KEYS)}
        application = Application.objects.create(
            call=calls[n % 2],
            organisation=organisation,
            project_name=f"Hanke {n}",
            summary=f"Tiivistelmä {n}",
            updated_at=datetime(2024, 10, 1, tzinfo=timezone.get_current_timezone()),
            **texts,
            **booleans,
        )
        originals[application.pk] = {**texts, **booleans}

    new = migrate(AFTER)
    Answer = new.get_model("funding", "Answer")
    FormQuestion = new.get_model("funding", "FormQuestion")
    FormSection = new.get_model("funding", "FormSection")
    for call in calls:
        assert FormSection.objects.filter(call_id=call.pk).count() == 6
        questions = FormQuestion.objects.filter(call_id=call.pk).order_by("section__order", "order")
        assert [q.key for q in questions] == TEXT_KEYS + BOOLEAN_KEYS
        for question in questions:
            assert all(getattr(question, f"label_{code}") for code in ("fi", "sv", "en")), question.key
    for pk, values in originals.items():
        stored = dict(Answer.objects.filter(application_id=pk).values_list("question__key", "value"))
        expected = {key: text for key, text in values.items() if key in TEXT_KEYS and text.strip()}
        expected.update({key: values[key] for key in BOOLEAN_KEYS})
        assert stored == expected, pk
        assert set(Answer.objects.filter(application_id=pk).values_list("question__call_id", flat=True)) == {
            new.get_model("funding", "Application").objects.get(pk=pk).call_id
        }

    # Back again: the columns hold exactly what they held (a whitespace-only text stays blank).
    old = migrate(BEFORE)
    Application = old.get_model("funding", "Application")
    for pk, values in originals.items():
        application = Application.objects.get(pk=pk)
        for key, value in values.items():
            want = (value if value.strip() else "") if key in TEXT_KEYS else value
            assert getattr(application, key) == want, (pk, key)
    migrate(AFTER)
