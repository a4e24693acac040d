from decimal import Decimal

from projects import services
from projects.enums import MilestoneStatus, WiderUse


def report_post(report, *, costs, funding_used, needs=(), action="save", **values) -> dict:
    """The report page's form as the browser sends it."""
    project = report.project
    milestones = list(project.milestones.all())
    lines = list(project.application.budget_lines.order_by("order", "id"))
    data = {
        "action": action,
        "impact_evaluation": "Arvioitu THL:n ohjeen mukaan.",
        "effectiveness": "",
        "network_sharing": "Esitelty tekoälyaamussa.",
        "wider_use": WiderUse.PARTLY,
        "wider_use_text": "",
        "funding_used": funding_used,
        "progress-TOTAL_FORMS": len(milestones),
        "progress-INITIAL_FORMS": len(milestones),
        "costs-TOTAL_FORMS": len(lines),
        "costs-INITIAL_FORMS": len(lines),
        "needs-TOTAL_FORMS": len(needs) + 1,
        "needs-INITIAL_FORMS": 0,
        **values,
    }
    for i, milestone in enumerate(milestones):
        data.update(
            {
                f"progress-{i}-milestone": milestone.pk,
                f"progress-{i}-status": MilestoneStatus.IN_PROGRESS,
                f"progress-{i}-text": "Etenee.",
            }
        )
    for i, (line, amount) in enumerate(zip(lines, costs, strict=True)):
        data.update({f"costs-{i}-budget_line": line.pk, f"costs-{i}-amount": amount})
    for i, (title, law, description) in enumerate(needs):
        data.update({f"needs-{i}-title": title, f"needs-{i}-law": law, f"needs-{i}-description": description})
    return data


def submitted_report(
    project, contact, *, needs=(("Toisiolaki", "552/2019", "Kehittämiskäyttö on epäselvä."),)
):
    report = project.reports.order_by("deadline__due_date").first()
    services.report_save(
        report=report,
        actor=contact.user,
        values={"impact_evaluation": "Arvioitu.", "network_sharing": "Jaettu.", "wider_use": WiderUse.READY},
        funding_used=Decimal("0.00"),
        progress=[
            services.ProgressData(milestone_id=m.pk, status=MilestoneStatus.DONE, text="")
            for m in project.milestones.all()
        ],
        costs={},
        needs=[services.NeedData(title=t, law=law, description=d) for t, law, d in needs],
    )
    return services.report_submit(report=report, actor=contact.user)
