import io

import pytest
from django.contrib.auth.models import Group

from core.groups import COORDINATORS
from projects import demo, personal_data, services
from projects.enums import ReportStatus
from projects.models import LegislativeNeed, Project, Report, ReportDeadline
from tests.factories import UserFactory
from tests.projects.factories import coordinator, funded_application, funded_project
from tests.projects.helpers import submitted_report

pytestmark = pytest.mark.django_db


def test_the_demo_creates_nothing_without_funded_applications():
    out = io.StringIO()
    demo.seed(stdout=out)
    assert Project.objects.count() == 0
    assert out.getvalue() == "  funded projects: none (no funded applications)"


def test_the_demo_is_idempotent():
    UserFactory(email=demo.COORDINATOR, is_staff=True).groups.add(Group.objects.get(name=COORDINATORS))
    first, _ = funded_application()
    funded_application(call=first.call)
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert Project.objects.count() == 2
    assert ReportDeadline.objects.count() == 2
    assert Report.objects.count() == 4
    assert sorted(Report.objects.values_list("status", flat=True)) == [
        ReportStatus.ACCEPTED,
        ReportStatus.DRAFT,
        ReportStatus.DRAFT,
        ReportStatus.DRAFT,
    ]
    assert LegislativeNeed.objects.count() == 2


def test_export_and_erase_of_a_report_author():
    project, contact = funded_project()
    report = submitted_report(project, contact)
    staff = coordinator()
    services.report_return(report=report, actor=staff, comment=f"Soita minulle: {staff.email}")

    exported = personal_data.export(email=contact.email, user=contact.user)
    assert exported["project_contact_of"] == [project.public_title_fi]
    assert [(r["project"], r["roles"]) for r in exported["reports"]] == [
        (project.public_title_fi, ["submitted", "last_saved"])
    ]

    assert personal_data.erase(email=contact.email, user=contact.user, actor=None) == 3
    report.refresh_from_db()
    assert (report.submitted_by, report.updated_by) == (None, None)
    assert project.contact_persons.count() == 0
    assert personal_data.export(email=contact.email, user=contact.user)["reports"] == []

    assert personal_data.erase(email=staff.email, user=staff, actor=None) == 2
    report.refresh_from_db()
    assert report.review_comment == "Soita minulle: [removed]"
    assert report.reviewed_by is None


def test_erase_removes_an_address_typed_into_the_public_texts():
    project, contact = funded_project()
    services.project_update(
        project=project,
        actor=coordinator(),
        fields={"public_summary_fi": f"Lisätietoja: {contact.email}", "research_note": contact.email},
    )
    personal_data.erase(email=contact.email, user=contact.user, actor=None)
    project = Project.objects.get()
    assert (project.public_summary_fi, project.research_note) == ("Lisätietoja: [removed]", "[removed]")
    assert Project.objects.rewrite(False).filter(public_summary__icontains=contact.email).count() == 0
