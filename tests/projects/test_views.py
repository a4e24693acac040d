import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import WelfareRegion
from network.enums import UseCase
from outbox.models import OutgoingMail
from projects import services
from projects.enums import ReportStatus
from projects.models import LegislativeNeed, Project, Report
from tests.factories import ContactPersonFactory
from tests.projects.factories import coordinator, decision_maker, funded_application, funded_project, steering
from tests.projects.helpers import report_post, submitted_report

pytestmark = pytest.mark.django_db


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
    return len(queries)


def published(**kwargs) -> Project:
    project, _ = funded_project(deadlines=0, **kwargs)
    actor = coordinator()
    services.project_update(project=project, actor=actor, fields={"public_results_fi": "Tuloksia."})
    return services.project_publish(project=project, actor=actor)


# --- Public pages ----------------------------------------------------------------------------------


def test_only_published_projects_are_public(client):
    shown = published()
    hidden, _ = funded_project()
    response = client.get("/en/projects/")
    assert [p.pk for p in response.context["page_obj"]] == [shown.pk]
    assert client.get(f"/en/projects/{shown.slug}/").status_code == 200
    assert client.get(f"/en/projects/{hidden.slug}/").status_code == 404
    detail = client.get(f"/fi/projects/{shown.slug}/").content.decode()
    assert "Tuloksia." in detail
    assert f"/fi/ai-implementations/{shown.implementation_id}/" in detail


def test_the_public_list_keeps_its_query_count(client):
    for _ in range(2):
        published()
    few = count_queries(client, "/fi/projects/")
    for _ in range(10):
        published()
    assert count_queries(client, "/fi/projects/") == few


# --- The project contact's pages -----------------------------------------------------------------


def test_the_contact_sees_the_projects_and_others_do_not(client):
    project, contact = funded_project()
    client.force_login(contact.user)
    assert client.get("/fi/projects/my/").status_code == 200
    assert client.get(f"/fi/projects/my/{project.pk}/").status_code == 200
    report = project.reports.get()
    assert client.get(f"/fi/projects/my/reports/{report.pk}/").status_code == 200
    client.force_login(ContactPersonFactory().user)
    assert client.get(f"/fi/projects/my/{project.pk}/").status_code == 404
    assert client.get(f"/fi/projects/my/reports/{report.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/fi/projects/my/reports/{report.pk}/").status_code == 302


def test_my_projects_keeps_its_query_count(client):
    project, contact = funded_project(deadlines=2)
    client.force_login(contact.user)
    few = count_queries(client, "/fi/projects/my/")
    for _ in range(6):
        funded_project(deadlines=2, call=project.application.call, contact=contact)
    assert Project.objects.count() == 7
    assert count_queries(client, "/fi/projects/my/") == few


def test_saving_and_submitting_the_report_on_the_page(client):
    project, contact = funded_project()
    report = project.reports.get()
    client.force_login(contact.user)
    path = f"/fi/projects/my/reports/{report.pk}/"

    response = client.post(
        path,
        report_post(
            report,
            costs=["6 000,00", "4 000,00"],
            funding_used="5 000,00",
            needs=[("Toisiolaki", "552/2019", "Kehittämiskäyttö on epäselvä.")],
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.funding_used) == (ReportStatus.DRAFT, Decimal("5000.00"))
    assert [n.title for n in report.legislative_needs.all()] == ["Toisiolaki"]

    response = client.post(path, report_post(report, costs=["6000", "4000"], funding_used="5000,01"))
    assert response.status_code == 400
    assert response.context["forms"]["form"].errors["funding_used"] == [
        "Käytetty rahoitus (5\xa0000,01\xa0€) ylittää hankkeen rahoitusosuuden (50,00\xa0%) "
        "raportoiduista kustannuksista (10\xa0000,00\xa0€): enintään 5\xa0000,00\xa0€."
    ]
    report.refresh_from_db()
    assert report.funding_used == Decimal("5000.00")

    response = client.post(
        path, report_post(report, costs=["6000", "4000"], funding_used="5000", action="submit")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # Needs left out of the form are removed; the page is read-only now.
    assert report.legislative_needs.count() == 0
    page = client.get(path)
    assert page.context["forms"] is None
    assert client.post(path, report_post(report, costs=["1", "1"], funding_used="0")).status_code == 200
    report.refresh_from_db()
    assert report.funding_used == Decimal("5000.00")


def test_a_need_without_a_description_is_refused(client):
    project, contact = funded_project()
    report = project.reports.get()
    client.force_login(contact.user)
    response = client.post(
        f"/fi/projects/my/reports/{report.pk}/",
        report_post(report, costs=["0", "0"], funding_used="0", needs=[("Toisiolaki", "", "")]),
    )
    assert response.status_code == 400
    assert LegislativeNeed.objects.count() == 0


# --- Coordinators in the admin ---------------------------------------------------------------------


def test_coordinators_start_projects_from_funded_applications(client):
    first, _ = funded_application()
    second, _ = funded_application()
    actor = coordinator()
    client.force_login(actor)
    page = client.get("/fi/admin/projects/project/start/")
    assert [a.pk for a in page.context["applications"]] == [first.pk, second.pk]
    response = client.post("/fi/admin/projects/project/start/", {"application": [first.pk]})
    assert response.status_code == 302
    assert list(Project.objects.values_list("application_id", flat=True)) == [first.pk]
    client.force_login(steering())
    assert client.get("/fi/admin/projects/project/start/").status_code == 403


def test_coordinators_return_and_accept_in_the_admin(client):
    project, contact = funded_project()
    report = submitted_report(project, contact)
    client.force_login(coordinator())
    path = f"/fi/admin/projects/report/{report.pk}/review/"
    assert client.get(path).status_code == 200
    assert client.post(path, {"action": "return", "comment": ""}).status_code == 200
    assert Report.objects.get().status == ReportStatus.SUBMITTED
    assert client.post(path, {"action": "return", "comment": "Täydennä."}).status_code == 302
    assert Report.objects.get().status == ReportStatus.RETURNED
    assert OutgoingMail.objects.filter(template="projects_report_returned", to=contact.email).count() == 1


# --- The ministry's views --------------------------------------------------------------------------


def test_the_ministry_lists_needs_filtered_by_use_case_and_region_with_csv(client):
    pirkanmaa = WelfareRegion.objects.get(code="pirkanmaa")
    actor = coordinator()
    first, contact = funded_project(region_code="pirkanmaa", use_case=UseCase.NURSE_WHISPERER)
    services.report_accept(report=submitted_report(first, contact), actor=actor)
    second, contact2 = funded_project(region_code="lappi", use_case=UseCase.INTERPRETATION)
    services.report_accept(
        report=submitted_report(second, contact2, needs=[("=Tulkkauslaki", "", "Etätulkkaus.")]), actor=actor
    )
    third, contact3 = funded_project(region_code="lappi")
    submitted_report(third, contact3, needs=[("Ei vielä hyväksytty", "", "x")])

    client.force_login(decision_maker())
    base = "/fi/admin/projects/project/ministry/"
    needs = client.get(f"{base}needs/").context["needs"]
    assert sorted(n.title for n in needs) == ["=Tulkkauslaki", "Toisiolaki"]
    by_region = client.get(f"{base}needs/", {"region": pirkanmaa.pk}).context["needs"]
    assert [n.title for n in by_region] == ["Toisiolaki"]
    by_use_case = client.get(f"{base}needs/", {"use_case": UseCase.INTERPRETATION}).context["needs"]
    assert [n.title for n in by_use_case] == ["=Tulkkauslaki"]

    response = client.get(
        "/en/admin/projects/project/ministry/needs.csv", {"use_case": UseCase.INTERPRETATION}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [
        [
            "Project",
            "Lead organisation",
            "Welfare region",
            "Use case",
            "Report",
            "Need",
            "Law or area of law",
            "Description",
        ],
        [
            second.public_title,
            second.application.organisation.name,
            "Lapland",
            "Real-time interpretation",
            "Interim report",
            "'=Tulkkauslaki",
            "",
            "Etätulkkaus.",
        ],
    ]


def test_only_the_ministry_roles_see_the_ministry_views(client):
    client.force_login(steering())
    assert client.get("/fi/admin/projects/project/ministry/needs/").status_code == 403
    assert client.get("/fi/admin/projects/project/ministry/needs.csv").status_code == 403
    assert client.get("/fi/admin/projects/project/ministry/overview/").status_code == 403
    client.force_login(coordinator())
    assert client.get("/fi/admin/projects/project/ministry/overview/").status_code == 200
    client.force_login(ContactPersonFactory().user)
    assert client.get("/fi/admin/projects/project/ministry/needs/").status_code == 302


def test_the_overview_shows_reported_costs_against_grants(client):
    project, contact = funded_project(deadlines=2)
    first, second = project.reports.order_by("deadline__due_date")
    lines = list(project.application.budget_lines.order_by("order"))
    services.report_save(
        report=first,
        actor=contact.user,
        values={"impact_evaluation": "x", "network_sharing": "y", "wider_use": "ready"},
        funding_used=Decimal("1000.00"),
        progress=[
            services.ProgressData(milestone_id=m.pk, status="done", text="") for m in project.milestones.all()
        ],
        costs={lines[0].pk: Decimal("1500.00"), lines[1].pk: Decimal("500.00")},
        needs=[],
    )
    services.report_submit(report=first, actor=contact.user)
    client.force_login(decision_maker())
    [row] = client.get("/fi/admin/projects/project/ministry/overview/").context["figures"]
    assert (row.total_budget, row.reported_costs, row.funding_used, row.grant_left) == (
        Decimal("100000.00"),
        Decimal("2000.00"),
        Decimal("1000.00"),
        Decimal("49000.00"),
    )
    assert (row.counts["submitted"], row.counts["draft"], row.late) == (1, 1, 0)
    del second


def test_the_ministry_views_keep_their_query_counts(client):
    actor = coordinator()

    def grow(n):
        for _ in range(n):
            project, contact = funded_project(region_code="pirkanmaa")
            services.report_accept(report=submitted_report(project, contact), actor=actor)

    grow(2)
    client.force_login(decision_maker())
    paths = [
        "/fi/admin/projects/project/ministry/needs/",
        "/fi/admin/projects/project/ministry/overview/",
        "/fi/projects/my/",
    ]
    # A first request fills what the session and the caches keep; the counts compared are later ones.
    for path in paths:
        count_queries(client, path)
    few = [count_queries(client, path) for path in paths]
    grow(8)
    assert [count_queries(client, path) for path in paths] == few
    assert LegislativeNeed.objects.count() == 10
