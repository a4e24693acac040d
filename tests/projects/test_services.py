from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.models import AuditEntry
from funding.enums import ApplicationStatus
from network.enums import ImplementationStatus
from network.models import Implementation
from outbox.models import OutgoingMail
from projects import services
from projects.enums import MilestoneStatus, ReportStatus, WiderUse
from projects.models import LegislativeNeed, Milestone, Project, Report
from tests.factories import ContactPersonFactory
from tests.funding.factories import ApplicationFactory
from tests.projects.factories import (
    ReportDeadlineFactory,
    coordinator,
    funded_application,
    funded_project,
)

pytestmark = pytest.mark.django_db


def audit(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


# --- Projects ------------------------------------------------------------------------------------


def test_a_funded_application_becomes_a_project():
    application, contact = funded_application(partners=["Kuulas Oy"])
    deadline = ReportDeadlineFactory(call=application.call)
    actor = coordinator()

    project = services.project_create_from_application(application=application, actor=actor)

    assert (project.granted_amount, project.share) == (Decimal("50000.00"), Decimal("50.00"))
    assert project.public_title_fi == application.project_name
    assert project.start_date == application.call.earliest_cost_date
    assert [m.title for m in project.milestones.all()] == [
        "Määrittely valmis 3/2025",
        "Pilotti kahdessa yksikössä 6/2025",
        "Arviointi 11/2025",
    ]
    assert list(project.contact_persons.all()) == [contact]
    assert [(r.deadline, r.status) for r in project.reports.all()] == [(deadline, ReportStatus.DRAFT)]
    [entry] = audit("projects.project.create")
    assert (entry.actor_id, entry.object_id) == (actor.pk, str(project.pk))
    assert entry.new["share"] == "50.00"
    assert entry.new["reports"] == 1
    assert OutgoingMail.objects.count() == 0


def test_starting_a_project_twice_returns_the_same_project():
    application, _ = funded_application()
    first = services.project_create_from_application(application=application, actor=None)
    second = services.project_create_from_application(application=application, actor=None)
    assert first.pk == second.pk
    assert Project.objects.count() == 1
    assert Milestone.objects.count() == 3
    assert len(audit("projects.project.create")) == 1


def test_only_a_funded_application_becomes_a_project():
    application = ApplicationFactory(status=ApplicationStatus.FURTHER_PLANNING, granted_amount=None)
    with pytest.raises(services.ProjectError) as caught:
        services.project_create_from_application(application=application, actor=None)
    assert caught.value.code == "not_funded"
    assert Project.objects.count() == 0
    assert audit("projects.project.create") == []


def test_the_grant_may_be_exactly_the_calls_maximum_share_and_not_a_cent_more():
    at_limit, _ = funded_application(granted=Decimal("50000.00"))
    assert services.project_create_from_application(application=at_limit, actor=None).share == Decimal(
        "50.00"
    )

    over, _ = funded_application(granted=Decimal("50000.01"))
    with pytest.raises(services.ProjectError) as caught:
        services.project_create_from_application(application=over, actor=None)
    assert caught.value.code == "share_too_large"
    assert caught.value.message == (
        f"The funding granted to “{over}” (€50,000.01) is more than 50.00% of its total costs (€100,000.00)."
    )
    assert Project.objects.count() == 1


def test_a_new_report_deadline_gives_every_project_of_the_call_its_report():
    project, _ = funded_project(deadlines=0)
    other, _ = funded_project(deadlines=0)
    actor = coordinator()
    deadline = ReportDeadlineFactory.build(call=project.application.call)
    services.report_deadline_save(deadline=deadline, actor=actor)
    assert [r.deadline_id for r in project.reports.all()] == [deadline.pk]
    assert other.reports.count() == 0
    [entry] = audit("projects.report_deadline.create")
    assert entry.new["reports_created"] == 1


# --- Reports: the money ---------------------------------------------------------------------------


def _save(report, contact, *, costs, funding_used, needs=(), progress=None, **values):
    project = report.project
    return services.report_save(
        report=report,
        actor=contact.user,
        values={
            "impact_evaluation": "Arvioitu THL:n ohjeen mukaan.",
            "network_sharing": "Esitelty tekoälyaamussa.",
            "wider_use": WiderUse.PARTLY,
            **values,
        },
        funding_used=Decimal(funding_used),
        progress=progress
        if progress is not None
        else [
            services.ProgressData(milestone_id=m.pk, status=MilestoneStatus.DONE, text="Valmis.")
            for m in project.milestones.all()
        ],
        costs=dict(
            zip(
                [line.pk for line in project.application.budget_lines.order_by("order")],
                [Decimal(c) for c in costs],
                strict=True,
            )
        ),
        needs=list(needs),
    )


def test_the_funding_used_may_be_exactly_the_granted_share_of_the_costs():
    project, contact = funded_project()
    report = project.reports.get()
    report = _save(report, contact, costs=["6000.00", "4000.00"], funding_used="5000.00")
    assert report.funding_used == Decimal("5000.00")
    assert sorted(c.amount for c in report.costs.all()) == [Decimal("4000.00"), Decimal("6000.00")]
    [entry] = audit("projects.report.save")
    assert entry.new["funding_used"] == "5000.00"


def test_one_cent_over_the_granted_share_is_refused():
    project, contact = funded_project()
    report = project.reports.get()
    with pytest.raises(services.ProjectError) as caught:
        _save(report, contact, costs=["6000.00", "4000.00"], funding_used="5000.01")
    assert caught.value.code == "funding_share"
    assert caught.value.message == (
        "The funding used (€5,000.01) is more than the project's funding share (50.00%) of the costs "
        "reported (€10,000.00): at most €5,000.00."
    )
    report.refresh_from_db()
    assert report.funding_used == Decimal("0.00")
    assert report.costs.count() == 0
    assert audit("projects.report.save") == []


def test_the_share_is_compared_exactly_not_rounded():
    # 33 333.33 of 100 000: the share of 3.00 € is 0.9999999 €, so 0.99 is fine and 1.00 is not.
    project, contact = funded_project(granted=Decimal("33333.33"))
    assert project.share == Decimal("33.33")
    report = project.reports.get()
    _save(report, contact, costs=["3.00", "0.00"], funding_used="0.99")
    with pytest.raises(services.ProjectError):
        _save(report, contact, costs=["3.00", "0.00"], funding_used="1.00")


def test_all_reports_together_may_use_at_most_the_grant():
    project, contact = funded_project(deadlines=2)
    first, second = project.reports.order_by("deadline__due_date")
    _save(first, contact, costs=["60000.00", "30000.00"], funding_used="45000.00")
    _save(second, contact, costs=["0.00", "10000.00"], funding_used="5000.00")  # exactly the grant in total
    with pytest.raises(services.ProjectError) as caught:
        _save(second, contact, costs=["0.00", "10000.02"], funding_used="5000.01")
    assert caught.value.message == (
        "Together with the other reports, the funding used (€50,000.01) is more than the funding granted "
        "(€50,000.00)."
    )


def test_negative_amounts_are_refused():
    project, contact = funded_project()
    with pytest.raises(services.ProjectError):
        _save(project.reports.get(), contact, costs=["-1.00", "10.00"], funding_used="0.00")


# --- Reports: the flow ----------------------------------------------------------------------------


NEED = services.NeedData(
    title="Toisiolaki", law="Toisiolaki 552/2019", description="Kehittämiskäyttö on epäselvä."
)


def test_submit_return_fix_and_accept_with_audit_and_mail():
    project, contact = funded_project()
    actor = coordinator()
    report = _save(
        project.reports.get(), contact, costs=["100.00", "0.00"], funding_used="50.00", needs=[NEED]
    )

    report = services.report_submit(report=report, actor=contact.user)
    assert (report.status, report.submitted_by) == (ReportStatus.SUBMITTED, contact.user)

    with pytest.raises(services.ProjectError):
        services.report_return(report=report, actor=actor, comment="  ")
    report = services.report_return(report=report, actor=actor, comment="Täydennä vaikuttavuus.")
    assert report.status == ReportStatus.RETURNED
    [returned] = OutgoingMail.objects.filter(template="projects_report_returned")
    assert returned.to == contact.email
    assert "Täydennä vaikuttavuus." in returned.body_text
    assert f"/fi/projects/my/reports/{report.pk}/" in returned.body_text

    report = _save(
        report, contact, costs=["100.00", "0.00"], funding_used="50.00", needs=[NEED], effectiveness="X"
    )
    report = services.report_submit(report=report, actor=contact.user)
    report = services.report_accept(report=report, actor=actor)
    assert report.status == ReportStatus.ACCEPTED
    [accepted] = OutgoingMail.objects.filter(template="projects_report_accepted")
    assert accepted.to == contact.email

    assert [
        (e.action, e.old.get("status"), e.new.get("status"))
        for e in AuditEntry.objects.filter(
            object_type="projects.report",
            action__in=["projects.report.submit", "projects.report.return", "projects.report.accept"],
        ).order_by("id")
    ] == [
        ("projects.report.submit", "draft", "submitted"),
        ("projects.report.return", "submitted", "returned"),
        ("projects.report.submit", "returned", "submitted"),
        ("projects.report.accept", "submitted", "accepted"),
    ]
    assert audit("projects.report.return")[0].new["review_comment"] == "Täydennä vaikuttavuus."
    assert [n.title for n in LegislativeNeed.objects.all()] == ["Toisiolaki"]

    with pytest.raises(services.ProjectError):
        _save(report, contact, costs=["1.00", "0.00"], funding_used="0.00")
    with pytest.raises(services.ProjectError):
        services.report_return(report=report, actor=actor, comment="Vielä")


def test_an_incomplete_report_is_not_submitted():
    project, contact = funded_project()
    report = _save(
        project.reports.get(), contact, costs=["0", "0"], funding_used="0", progress=[], wider_use=""
    )
    with pytest.raises(services.ProjectError) as caught:
        services.report_submit(report=report, actor=contact.user)
    assert caught.value.message == (
        "The report is not complete. Missing: Progress on every milestone, Ready for wider national use."
    )
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_only_the_lead_organisations_contacts_report_and_only_coordinators_review():
    project, contact = funded_project()
    outsider = ContactPersonFactory()
    with pytest.raises(PermissionDenied):
        _save(project.reports.get(), outsider, costs=["0", "0"], funding_used="0")
    report = _save(project.reports.get(), contact, costs=["0", "0"], funding_used="0")
    report = services.report_submit(report=report, actor=contact.user)
    with pytest.raises(PermissionDenied):
        services.report_accept(report=report, actor=contact.user)
    assert Report.objects.get().status == ReportStatus.SUBMITTED


def test_a_draft_cannot_be_accepted():
    project, _ = funded_project()
    with pytest.raises(services.ProjectError) as caught:
        services.report_accept(report=project.reports.get(), actor=coordinator())
    assert caught.value.message == "The report cannot change from “Draft” to “Accepted”."


# --- Publishing ----------------------------------------------------------------------------------


def test_publishing_creates_and_then_updates_a_published_ai_implementation():
    project, contact = funded_project(region_code="pirkanmaa")
    actor = coordinator()
    services.project_update(
        project=project,
        actor=actor,
        fields={"public_title_sv": "Sjuksköterskeviskaren", "public_results_fi": "Kirjaaminen nopeutui."},
    )
    project = services.project_publish(project=project, actor=actor)
    implementation = Implementation.objects.get()
    assert project.published is True
    assert project.implementation == implementation
    assert (implementation.owner, implementation.status) == (
        contact.organisation,
        ImplementationStatus.PUBLISHED,
    )
    assert implementation.region.code == "pirkanmaa"
    assert (implementation.title_fi, implementation.title_sv) == (
        project.public_title_fi,
        "Sjuksköterskeviskaren",
    )
    assert implementation.results_fi == "Kirjaaminen nopeutui."
    assert len(audit("projects.project.publish")) == 1

    services.project_update(
        project=project, actor=actor, fields={"public_results_fi": "Kirjaaminen nopeutui 20 %."}
    )
    services.project_publish(project=project, actor=actor)
    implementation.refresh_from_db()
    assert Implementation.objects.count() == 1
    assert implementation.results_fi == "Kirjaaminen nopeutui 20 %."
    assert implementation.status == ImplementationStatus.PUBLISHED


def test_only_coordinators_publish():
    project, contact = funded_project()
    with pytest.raises(PermissionDenied):
        services.project_publish(project=project, actor=contact.user)
    assert Implementation.objects.count() == 0


def test_project_update_writes_an_audit_entry_only_when_something_changes():
    project, _ = funded_project()
    actor = coordinator()
    end = timezone.localdate() + timedelta(days=400)
    services.project_update(project=project, actor=actor, fields={"end_date": end, "research_project": True})
    services.project_update(project=project, actor=actor, fields={"end_date": end, "research_project": True})
    [entry] = audit("projects.project.update")
    assert (entry.old["research_project"], entry.new["research_project"]) == (False, True)
    with pytest.raises(services.ProjectError):
        services.project_update(
            project=project, actor=actor, contact_persons=[ContactPersonFactory()], fields={}
        )
