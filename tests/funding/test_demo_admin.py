"""The 2024 call from seed_demo, the coordinators' admin, the formats of money."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group

from funding import demo
from funding.enums import ALLOWED_TRANSITIONS, ApplicationStatus, UseCase
from funding.formatting import format_money, format_percent
from funding.models import FundingCall
from funding.validators import sanitise_filename
from members.enums import OrganisationType
from tests.factories import UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.django_db
def test_seed_creates_the_2024_call_exactly_as_described_and_is_idempotent():
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    call = FundingCall.objects.get(slug=demo.SLUG_2024)
    assert call.opens_at == datetime(2024, 9, 16, 0, 0, tzinfo=HELSINKI)
    assert call.closes_at == datetime(2024, 10, 25, 23, 59, 59, tzinfo=HELSINKI)
    assert (call.budget_min, call.budget_max) == (Decimal("2000000.00"), Decimal("3000000.00"))
    assert (call.projects_min, call.projects_max) == (5, 10)
    assert call.max_share == Decimal("50.00")
    assert call.earliest_cost_date == date(2025, 1, 1)
    assert call.use_cases == list(UseCase.values)
    assert len(call.use_cases) == 7
    eligible = list(call.eligible_organisations.all())
    assert len(eligible) == 23
    assert sum(o.type == OrganisationType.WELFARE_REGION for o in eligible) == 21
    assert {o.name_fi for o in eligible} >= {"HUS-yhtymä", "Helsingin kaupunki", "Pirkanmaan hyvinvointialue"}
    assert [d.title_fi for d in call.documents.all()] == [
        "Käytännönläheinen tarkistuslista (pdf)",
        "Kysymyksiä ja vastauksia rahoitushausta (pdf)",
    ]
    assert all(d.file.read(5) == b"%PDF-" for d in call.documents.all())
    assert call.questions.count() == 3
    assert call.title_sv == "Ansökan om finansiering för AI-projekt för välfärdsområden 2024"
    assert FundingCall.objects.filter(slug=demo.SLUG_DEMO).get().is_open()


@pytest.mark.django_db
def test_coordinators_have_the_funding_permissions_and_the_admin_works(client):
    coordinators = Group.objects.get(name="Coordinators")
    codenames = set(
        coordinators.permissions.filter(content_type__app_label="funding").values_list("codename", flat=True)
    )
    assert {"add_fundingcall", "change_fundingcall", "view_application", "change_callquestion"} <= codenames
    user = UserFactory(is_staff=True)
    user.groups.add(coordinators)
    client.force_login(user)
    call = FundingCallFactory()
    application = ApplicationFactory(call=call)
    for path in (
        "/fi/admin/funding/fundingcall/",
        f"/fi/admin/funding/fundingcall/{call.pk}/change/",
        "/fi/admin/funding/fundingcall/add/",
        "/fi/admin/funding/application/",
        f"/fi/admin/funding/application/{application.pk}/change/",
    ):
        assert client.get(path).status_code == 200, path


def test_money_and_shares_in_each_language():
    assert format_money(Decimal("1234567.5"), "fi") == "1\xa0234\xa0567,50\xa0€"
    assert format_money(Decimal("1234567.5"), "sv") == "1\xa0234\xa0567,50\xa0€"
    assert format_money(Decimal("1234567.5"), "en") == "€1,234,567.50"
    assert format_money(Decimal("0.005"), "fi") == "0,01\xa0€"
    assert format_money(None, "fi") == "–"
    assert format_percent(Decimal("49.995"), "fi") == "50,00\xa0%"
    assert format_percent(Decimal("7.5"), "en") == "7.50%"


def test_file_names_are_sanitised():
    assert sanitise_filename("C:\\Users\\x\\raportti.exe", "pdf") == "raportti.pdf"
    assert sanitise_filename("../../.bashrc", "docx") == "bashrc.docx"
    assert sanitise_filename("\u202eexe.pdf", "pdf") == "exe.pdf"
    assert sanitise_filename("Kustannusarvio ÄÖ 2025.xlsx", "xlsx") == "Kustannusarvio ÄÖ 2025.xlsx"
    assert sanitise_filename("", "pdf") == "attachment.pdf"


def test_the_applicant_transitions_and_room_for_the_review():
    assert ALLOWED_TRANSITIONS[ApplicationStatus.DRAFT] == {ApplicationStatus.SUBMITTED}
    assert ApplicationStatus.WITHDRAWN in ALLOWED_TRANSITIONS[ApplicationStatus.SUBMITTED]
    assert ALLOWED_TRANSITIONS[ApplicationStatus.FURTHER_PLANNING] == {
        ApplicationStatus.FUNDED,
        ApplicationStatus.NOT_FUNDED,
        ApplicationStatus.WITHDRAWN,
    }


@pytest.mark.django_db
def test_a_coordinator_configures_a_new_round_in_the_admin(client):
    from members.models import Organisation

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    eligible = list(Organisation.objects.filter(type=OrganisationType.WELFARE_REGION)[:2])
    response = client.post(
        "/en/admin/funding/fundingcall/add/",
        {
            "title_fi": "Rahoitushaku 2026",
            "title_sv": "Finansieringsutlysning 2026",
            "title_en": "Funding call 2026",
            "slug": "rahoitushaku-2026",
            "published": "on",
            "opens_at_0": "2026-09-01",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2026-10-30",
            "closes_at_1": "16:00:00",
            "budget_min": "1000000",
            "budget_max": "2000000",
            "max_share": "50",
            "earliest_cost_date": "2027-01-01",
            "eligible_organisations": [o.pk for o in eligible],
            "use_cases": ["nurse_whisperer", "other"],
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "form_sections-TOTAL_FORMS": "0",
            "form_sections-INITIAL_FORMS": "0",
            "form_source": "default",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-order": "1",
            "questions-0-question_fi": "Voiko hakea?",
            "questions-0-answer_fi": "Voi.",
            "review_reminder_days": "3",
            "criteria-TOTAL_FORMS": "1",
            "criteria-INITIAL_FORMS": "0",
            "criteria-0-order": "0",
            "criteria-0-name_fi": "Vaikuttavuus",
            "criteria-0-name_sv": "Effekter",
            "criteria-0-name_en": "Effectiveness",
            "criteria-0-scale_min": "1",
            "criteria-0-scale_max": "5",
            "criteria-0-weight": "2",
            "criteria-0-required": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    call = FundingCall.objects.get(slug="rahoitushaku-2026")
    assert call.opens_at == datetime(2026, 9, 1, 9, 0, tzinfo=HELSINKI)
    assert call.closes_at == datetime(2026, 10, 30, 16, 0, tzinfo=HELSINKI)
    assert call.use_cases == ["nurse_whisperer", "other"]
    assert set(call.eligible_organisations.all()) == set(eligible)
    assert [q.question_fi for q in call.questions.all()] == ["Voiko hakea?"]
    assert call.form_questions.count() == 19  # the built-in form, copied
    assert [(c.name_en, c.weight, c.required) for c in call.criteria.all()] == [
        ("Effectiveness", Decimal("2.00"), True)
    ]


@pytest.mark.django_db
def test_the_demo_2024_round_is_reviewed_decided_and_announced(settings):
    from django.core.management import call_command

    from funding.selectors import funded_projects_public

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    call = FundingCall.objects.get(slug="tekoalyhankkeet-2024")
    funded = list(funded_projects_public())
    assert len(funded) == 10
    assert sum(a.granted_amount for a in funded) == Decimal("2220000.00")
    assert call.applications.filter(status=ApplicationStatus.NOT_CHOSEN).count() == 4
    assert call.criteria.count() == 6
