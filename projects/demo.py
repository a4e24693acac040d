"""Demo data: the funded applications of the demo calls become projects, with a few reports.

Idempotent: projects are started once, the report schedule is created once per call, and only
untouched reports are filled in. Does nothing when no application has been funded.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from funding.enums import ApplicationStatus
from funding.models import CENT, Application
from projects import services
from projects.enums import MilestoneStatus, ReportKind, ReportStatus, WiderUse
from projects.models import ReportDeadline

COORDINATOR = "koordinaattori@example.fi"
DEADLINES = [
    (
        ReportKind.INTERIM,
        30,
        ("Väliraportti", "Mellanrapport", "Interim report"),
    ),
    (
        ReportKind.FINAL,
        365,
        ("Loppuraportti", "Slutrapport", "Final report"),
    ),
]


def seed(*, stdout) -> None:
    funded = list(
        Application.objects.filter(status=ApplicationStatus.FUNDED, granted_amount__isnull=False)
        .select_related("call", "organisation")
        .order_by("call__opens_at", "id")
    )
    if not funded:
        stdout.write("  funded projects: none (no funded applications)")
        return
    coordinator = get_user_model().objects.filter(email=COORDINATOR).first()
    projects = []
    for application in funded:
        try:
            projects.append(
                services.project_create_from_application(application=application, actor=coordinator)
            )
        except services.ProjectError as exc:
            stdout.write(f"  skipped {application}: {exc.message}")
    if coordinator is not None:
        today = timezone.localdate()
        for call in {project.application.call for project in projects}:
            if call.report_deadlines.exists():
                continue
            for kind, days, (fi, sv, en) in DEADLINES:
                deadline = ReportDeadline(
                    call=call, kind=kind, due_date=today + timedelta(days=days), title=fi, title_fi=fi
                )
                deadline.title_sv, deadline.title_en = sv, en
                services.report_deadline_save(deadline=deadline, actor=coordinator)
    filled = sum(
        _fill_first_report(project, coordinator, accept=i == 0) for i, project in enumerate(projects[:2])
    )
    stdout.write(f"  funded projects: {len(projects)}, demo reports filled: {filled}")


def _fill_first_report(project, coordinator, *, accept: bool) -> int:
    report = project.reports.select_related("deadline").order_by("deadline__due_date", "id").first()
    contact = project.contact_persons.select_related("user").first()
    if report is None or contact is None or report.status != ReportStatus.DRAFT or report.updated_by_id:
        return 0
    lines = list(project.application.budget_lines.all())
    costs = {line.pk: (line.amount * Decimal("0.4")).quantize(CENT) for line in lines}
    total = sum((line.amount for line in lines), Decimal("0"))
    incurred = sum(costs.values(), Decimal("0"))
    funding_used = (project.granted_amount * incurred / total).quantize(CENT, rounding=ROUND_DOWN)
    services.report_save(
        report=report,
        actor=contact.user,
        values={
            "impact_evaluation": "Vaikuttavuutta arvioidaan THL:n ohjeen mukaisesti: kirjaamiseen "
            "kuluva aika mitataan ennen käyttöönottoa ja sen jälkeen kahdessa yksikössä.",
            "effectiveness": "Ensimmäisten mittausten mukaan kirjaamiseen kuluva aika on lyhentynyt.",
            "network_sharing": "Hankkeen kokemukset esiteltiin ekosysteemin tekoälyaamussa.",
            "wider_use": WiderUse.PARTLY,
            "wider_use_text": "Ratkaisun määrittelyt ovat muiden hyvinvointialueiden käytettävissä.",
        },
        funding_used=funding_used,
        progress=[
            services.ProgressData(
                milestone_id=m.pk, status=MilestoneStatus.IN_PROGRESS, text="Etenee suunnitellusti."
            )
            for m in project.milestones.all()
        ],
        costs=costs,
        needs=[
            services.NeedData(
                title="Toisiolain tulkinta kehittämiskäytössä",
                law="Laki sosiaali- ja terveystietojen toissijaisesta käytöstä",
                description="Mallin jatkokehitys vaatii selkeyttä siihen, milloin asiakastietoja saa käyttää "
                "palvelun kehittämiseen.",
            )
        ],
    )
    if accept and coordinator is not None:
        services.report_submit(report=report, actor=contact.user)
        services.report_accept(report=report, actor=coordinator, comment="Kiitos raportista.")
    return 1
