from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEntry
from network.models import Implementation
from projects.models import Project, Report, ReportDeadline
from tests.projects.factories import coordinator, decision_maker, funded_project
from tests.projects.helpers import submitted_report

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open_for_coordinators(client):
    project, contact = funded_project()
    report = submitted_report(project, contact)
    client.force_login(coordinator())
    for path in [
        "/fi/admin/projects/",
        "/fi/admin/projects/project/",
        f"/fi/admin/projects/project/{project.pk}/change/",
        "/fi/admin/projects/report/",
        "/fi/admin/projects/reportdeadline/",
        "/fi/admin/projects/reportdeadline/add/",
    ]:
        assert client.get(path).status_code == 200, path
    assert client.get(f"/fi/admin/projects/report/{report.pk}/change/").status_code == 302


def test_a_deadline_added_in_the_admin_creates_the_reports(client):
    project, _ = funded_project(deadlines=0)
    client.force_login(coordinator())
    due = timezone.localdate() + timedelta(days=100)
    response = client.post(
        "/fi/admin/projects/reportdeadline/add/",
        {
            "call": project.application.call_id,
            "kind": "final",
            "title_fi": "Loppuraportti",
            "title_sv": "Slutrapport",
            "title_en": "Final report",
            "due_date": due.isoformat(),
            "reminder_days": 14,
        },
    )
    assert response.status_code == 302
    deadline = ReportDeadline.objects.get()
    assert [(r.project_id, r.deadline_id) for r in Report.objects.all()] == [(project.pk, deadline.pk)]
    assert AuditEntry.objects.filter(action="projects.report_deadline.create").count() == 1


def test_coordinators_edit_a_project_through_the_service_and_publish_it(client):
    project, contact = funded_project()
    client.force_login(coordinator())
    milestone = project.milestones.first()
    data = {
        "start_date": project.start_date.isoformat(),
        "end_date": (project.start_date + timedelta(days=365)).isoformat(),
        "contact_persons": [contact.pk],
        "research_project": "on",
        "research_note": "Mukana THL:n tutkimuksessa.",
        "public_title_fi": "Hoitajakuiskaaja",
        "public_title_sv": "",
        "public_title_en": "",
        "public_summary_fi": "Puheesta kirjaukseksi.",
        "public_summary_sv": "",
        "public_summary_en": "",
        "public_results_fi": "",
        "public_results_sv": "",
        "public_results_en": "",
        "public_lessons_fi": "",
        "public_lessons_sv": "",
        "public_lessons_en": "",
        "milestones-TOTAL_FORMS": 1,
        "milestones-INITIAL_FORMS": 1,
        "milestones-0-id": milestone.pk,
        "milestones-0-project": project.pk,
        "milestones-0-order": 0,
        "milestones-0-title": "Määrittely valmis",
        "milestones-0-due_date": "",
    }
    response = client.post(f"/fi/admin/projects/project/{project.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    project.refresh_from_db()
    assert (project.research_project, project.public_title_fi) == (True, "Hoitajakuiskaaja")
    assert project.milestones.first().title == "Määrittely valmis"
    assert AuditEntry.objects.filter(action="projects.project.update").count() == 1

    response = client.post(
        "/fi/admin/projects/project/", {"action": "publish_selected", "_selected_action": [project.pk]}
    )
    assert response.status_code == 302
    assert Project.objects.get().published is True
    assert Implementation.objects.get().title_fi == "Hoitajakuiskaaja"


def test_decision_makers_read_but_do_not_change(client):
    project, _ = funded_project()
    client.force_login(decision_maker())
    assert client.get("/fi/admin/projects/project/").status_code == 200
    assert client.get("/fi/admin/projects/project/start/").status_code == 403
    response = client.post(
        "/fi/admin/projects/project/", {"action": "publish_selected", "_selected_action": [project.pk]}
    )
    assert Project.objects.get().published is False
    del response
