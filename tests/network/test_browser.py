"""Every public page of the network in Chromium: no axe violations (WCAG 2.1 AA) in fi, sv and en."""

import importlib

import pytest
from django.apps import apps

from members.models import CoordinationGroupSeat, WelfareRegion
from network.enums import ImplementationStatus, Stage, UseCase
from network.models import WorkingGroup
from tests.factories import OrganisationFactory
from tests.network.factories import ImplementationFactory, NoticeFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["fi", "sv", "en"]


@pytest.fixture(autouse=True)
def reference_data():
    """The welfare regions, coordination group and working groups that migrations create.

    A transactional test's flush deletes them, and the serialized rollback meant to restore them does
    not always reach the connection once Playwright has started (see the report), so recreate them here;
    the migrations' functions are idempotent.
    """
    for module in (
        "members.migrations.0002_regions_and_lead_organisations",
        "network.migrations.0002_working_groups",
    ):
        importlib.import_module(module).forwards(apps, None)


def check(page, live_server, assert_accessible, path):
    for language in LANGUAGES:
        page.goto(f"{live_server.url}/{language}{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, (language, path)
        assert_accessible(page)


def test_coordination_group_and_working_groups_are_accessible(page, live_server, assert_accessible):
    for seat in CoordinationGroupSeat.objects.select_related("organisation"):
        PersonFactory(organisation=seat.organisation, title_sv="Sakkunnig", phone="050 123 4567")
    WorkingGroup.objects.get(slug="mdr").members.set(OrganisationFactory.create_batch(3))
    for path in ["/coordination-group/", "/working-groups/", "/working-groups/mdr/"]:
        check(page, live_server, assert_accessible, path)


def test_ai_implementation_pages_are_accessible(page, live_server, assert_accessible):
    regions = list(WelfareRegion.objects.order_by("order")[:5])
    partner = OrganisationFactory()
    implementations = [
        ImplementationFactory(
            region=regions[i % 5],
            use_case=UseCase.values[i % 7],
            stage=Stage.values[i % 4],
            results_fi="Tuloksia.",
            links="https://example.fi/hanke",
            contact_name="Yhteyshenkilö",
            contact_email="yhteys@example.fi",
            organisations=[partner],
        )
        for i in range(25)
    ]
    ImplementationFactory(status=ImplementationStatus.DRAFT)
    for path in [
        "/ai-implementations/",
        f"/ai-implementations/?region={regions[0].code}&use_case=nurse_whisperer",
        f"/ai-implementations/{implementations[0].pk}/",
        "/ai-implementations/situational-picture/",
    ]:
        check(page, live_server, assert_accessible, path)
    # A count in the situational picture leads to the implementations it counts.
    page.goto(f"{live_server.url}/en/ai-implementations/situational-picture/")
    page.get_by_role("table").get_by_role("link", name="25").click()
    page.wait_for_url(f"{live_server.url}/en/ai-implementations/")
    assert page.get_by_role("heading", level=2, name="25 AI implementations").is_visible()


def test_bulletin_board_is_accessible(page, live_server, assert_accessible):
    notices = [NoticeFactory(summary_fi="Lyhyesti.") for _ in range(3)]
    for path in ["/bulletin-board/", f"/bulletin-board/{notices[0].pk}/"]:
        check(page, live_server, assert_accessible, path)
