"""Rows of the projects app: public project pages, and the project contact's report pages."""

from decimal import Decimal

OWN = {"anonymous": "login", "member": 200, "other_applicant": 404, "coordinator": 404, "steering": 404}

URLS = {
    "projects:list": "public",
    "projects:detail": "public",
    "projects:my": {
        "anonymous": "login",
        "member": 200,
        "other_applicant": 200,
        "coordinator": 200,
        "steering": 200,
    },
    "projects:my_project": OWN,
    "projects:report": OWN,
}


def paths(world) -> dict[str, str]:
    from funding.enums import ApplicationStatus
    from projects import services
    from tests.funding.factories import ApplicationFactory
    from tests.projects.factories import ReportDeadlineFactory

    call = world["call"]
    ReportDeadlineFactory(call=call)
    application = ApplicationFactory(
        call=call,
        organisation=world["organisation"],
        status=ApplicationStatus.FUNDED,
        granted_amount=Decimal("50000.00"),
        created_by=world["member"].user,
    )
    project = services.project_create_from_application(application=application, actor=None)
    project = services.project_publish(project=project, actor=world["users"]["coordinator"])
    report = project.reports.get()
    return {
        "projects:detail": f"/fi/projects/{project.slug}/",
        "projects:my_project": f"/fi/projects/my/{project.pk}/",
        "projects:report": f"/fi/projects/my/reports/{report.pk}/",
    }
