"""Statistics of the submitted applications per use case and per welfare region, against figures computed
by hand; the admin view, who may open it, and its constant number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.enums import ApplicationStatus, UseCase
from funding.selectors.statistics import application_statistics
from members.enums import OrganisationType
from members.models import WelfareRegion
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import ApplicationFactory, FundingCallFactory, RegionOrganisationFactory

S = ApplicationStatus
U = UseCase
pytestmark = pytest.mark.django_db


def region_organisation(code: str):
    return RegionOrganisationFactory(region=WelfareRegion.objects.get(code=code))


@pytest.fixture
def world():
    """Two calls. In call A: Pirkanmaa 100 000 € (nurse whisperer, submitted) and 50 000,50 € (administrative
    burden, eligible), a draft and a withdrawn application that do not count; Satakunta 200 000 € (nurse
    whisperer, funded); HUS (in no welfare region) no sum given (other, not chosen). In call B: Pirkanmaa
    70 000 € (symptom assessment, submitted)."""
    call_a, call_b = FundingCallFactory(), FundingCallFactory()
    pirkanmaa, satakunta = region_organisation("pirkanmaa"), region_organisation("satakunta")
    hus = OrganisationFactory(type=OrganisationType.HOSPITAL)

    def application(call, organisation, use_case, status, amount):
        return ApplicationFactory(
            call=call,
            organisation=organisation,
            use_case=use_case,
            status=status,
            requested_amount=None if amount is None else Decimal(amount),
        )

    application(call_a, pirkanmaa, U.NURSE_WHISPERER, S.SUBMITTED, "100000.00")
    application(call_a, pirkanmaa, U.ADMINISTRATIVE_BURDEN, S.ELIGIBLE, "50000.50")
    application(call_a, pirkanmaa, U.NURSE_WHISPERER, S.DRAFT, "999.00")
    application(call_a, pirkanmaa, U.NURSE_WHISPERER, S.WITHDRAWN, "888.00")
    application(call_a, satakunta, U.NURSE_WHISPERER, S.FUNDED, "200000.00")
    application(call_a, hus, U.OTHER, S.NOT_CHOSEN, None)
    application(call_b, pirkanmaa, U.SYMPTOM_ASSESSMENT, S.SUBMITTED, "70000.00")
    return {"a": call_a, "b": call_b}


def figures(rows) -> dict[str, tuple[int, Decimal]]:
    """The non-empty rows by key."""
    return {row.key: (row.applications, row.requested) for row in rows if row.applications}


def test_all_calls_per_use_case_and_region(world):
    stats = application_statistics()
    assert (stats.total.applications, stats.total.requested) == (5, Decimal("420000.50"))
    assert figures(stats.by_use_case) == {
        "nurse_whisperer": (2, Decimal("300000.00")),
        "administrative_burden": (1, Decimal("50000.50")),
        "symptom_assessment": (1, Decimal("70000.00")),
        "other": (1, Decimal("0.00")),
    }
    # Every use case has a row, in the call's order, zeros included.
    assert [row.key for row in stats.by_use_case] == list(U.values)
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    satakunta = WelfareRegion.objects.get(code="satakunta")
    assert figures(stats.by_region) == {
        str(pirkanmaa.pk): (3, Decimal("220000.50")),
        str(satakunta.pk): (1, Decimal("200000.00")),
        "": (1, Decimal("0.00")),
    }
    assert len(stats.by_region) == 22  # the 21 welfare regions and "not in a welfare region"
    nurse = next(row for row in stats.by_use_case if row.key == "nurse_whisperer")
    assert nurse.share_of(stats.total) == Decimal("71.4")  # 300 000 / 420 000,50


def test_one_call(world):
    stats = application_statistics(call=world["a"])
    assert (stats.total.applications, stats.total.requested) == (4, Decimal("350000.50"))
    assert figures(stats.by_use_case) == {
        "nurse_whisperer": (2, Decimal("300000.00")),
        "administrative_burden": (1, Decimal("50000.50")),
        "other": (1, Decimal("0.00")),
    }
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    assert figures(stats.by_region)[str(pirkanmaa.pk)] == (2, Decimal("150000.50"))
    stats_b = application_statistics(call=world["b"])
    assert (stats_b.total.applications, stats_b.total.requested) == (1, Decimal("70000.00"))
    assert figures(stats_b.by_region) == {str(pirkanmaa.pk): (1, Decimal("70000.00"))}


def test_no_applications_give_zeros_and_no_share():
    stats = application_statistics(call=FundingCallFactory())
    assert (stats.total.applications, stats.total.requested) == (0, Decimal("0.00"))
    assert all(row.applications == 0 for row in stats.by_use_case + stats.by_region)
    assert stats.by_use_case[0].share_of(stats.total) is None


# --- The admin view ---------------------------------------------------------------------------------


def staff(group: str | None):
    user = UserFactory(is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


URL = "/en/admin/funding/application/statistics/"


def test_the_view_is_named_for_the_lead_to_link():
    assert reverse("admin:funding_statistics") == "/fi/admin/funding/application/statistics/"


@pytest.mark.parametrize(
    ("group", "expected"),
    [("Steering group", 200), ("Coordinators", 200), ("Decision makers", 200), (None, 403)],
)
def test_who_may_see_the_statistics(client, group, expected):
    client.force_login(staff(group))
    assert client.get(URL).status_code == expected


def test_an_applicant_is_sent_to_the_admin_sign_in(client):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_view_shows_the_tables_and_charts_for_a_call(client, world):
    client.force_login(staff("Steering group"))
    html = client.get(URL, {"call": world["a"].pk}).content.decode()
    assert "4 submitted applications ask for €350,000.50 in total." in html
    assert '<td class="number">€150,000.50</td>' in html  # Pirkanmaa in call A
    assert "Nurse whisperer" in html and "Pirkanmaa" in html
    assert html.count('class="kpi-chart"') == 4
    assert f'<option value="{world["a"].pk}" selected>' in html
    html = client.get(URL).content.decode()
    assert "5 submitted applications ask for €420,000.50 in total." in html
    assert client.get(URL, {"call": "x"}).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_view_keeps_a_constant_number_of_queries(client):
    client.force_login(staff("Steering group"))
    call = FundingCallFactory()
    regions = list(WelfareRegion.objects.all())

    def add(n):
        for i in range(n):
            ApplicationFactory(
                call=call,
                organisation=RegionOrganisationFactory(region=regions[i % len(regions)]),
                use_case=U.values[i % len(U.values)],
                status=S.SUBMITTED,
            )

    add(3)
    few = _queries(client, URL), _queries(client, f"{URL}?call={call.pk}")
    add(27)
    assert (_queries(client, URL), _queries(client, f"{URL}?call={call.pk}")) == few


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_statistics_page_passes_axe_and_the_csp(page, live_server, assert_accessible, world):
    from allauth.account.models import EmailAddress

    from tests.support.mfa import browser_sign_in

    user = staff("Steering group")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    browser_sign_in(page, live_server.url, user.email, "correct-horse-battery")
    csp_reports: list[str] = []
    page.on(
        "console", lambda msg: csp_reports.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    for language in ("fi", "sv", "en"):
        page.goto(f"{live_server.url}/{language}/admin/funding/application/statistics/?call={world['a'].pk}")
        assert page.locator("table#table-region tbody tr").count() == 22
        assert_accessible(page)
    assert csp_reports == []
