"""Personal data in the projects app (the privacy app's protocol).

The app stores references to user accounts (who submitted, saved and reviewed a report, who started a
project) and the project's contact persons (links to members.ContactPerson, whose own data the members
app exports and erases). Free text written in reports is the organisation's, not personal data, but an
email address typed into it is removed on erasure.
"""

from __future__ import annotations

from django.db.models import Q

from projects.models import Project, Report


def export(*, email: str, user) -> dict:
    data: dict = {"project_contact_of": [], "reports": []}
    projects = Project.objects.filter(contact_persons__email__iexact=email)
    if user is not None:
        projects = Project.objects.filter(
            Q(contact_persons__email__iexact=email) | Q(contact_persons__user=user)
        )
    data["project_contact_of"] = sorted({p.public_title_fi for p in projects})
    if user is not None:
        reports = (
            Report.objects.filter(Q(submitted_by=user) | Q(updated_by=user) | Q(reviewed_by=user))
            .select_related("project", "deadline")
            .order_by("id")
        )
        for report in reports:
            roles = [
                role
                for role, person in (
                    ("submitted", report.submitted_by_id),
                    ("last_saved", report.updated_by_id),
                    ("reviewed", report.reviewed_by_id),
                )
                if person == user.pk
            ]
            data["reports"].append(
                {
                    "project": report.project.public_title_fi,
                    "report": report.deadline.title_fi,
                    "roles": roles,
                    "submitted_at": report.submitted_at.isoformat() if report.submitted_at else None,
                    "reviewed_at": report.reviewed_at.isoformat() if report.reviewed_at else None,
                }
            )
        data["projects_started"] = sorted(
            Project.objects.filter(created_by=user).values_list("public_title_fi", flat=True)
        )
    return data


def erase(*, email: str, user, actor) -> int:
    """Drop the person's links to projects and reports; the reports themselves (the organisation's) stay."""
    changed = 0
    for project in Project.objects.filter(contact_persons__email__iexact=email).distinct():
        through = Project.contact_persons.through.objects.filter(
            project=project, contactperson__email__iexact=email
        )
        changed += through.delete()[0]
    if user is not None:
        changed += Report.objects.filter(submitted_by=user).update(submitted_by=None)
        changed += Report.objects.filter(updated_by=user).update(updated_by=None)
        changed += Report.objects.filter(reviewed_by=user).update(reviewed_by=None)
        changed += Project.objects.filter(created_by=user).update(created_by=None)
    # An address typed into a report's text.
    text_fields = [
        "impact_evaluation",
        "effectiveness",
        "network_sharing",
        "wider_use_text",
        "review_comment",
    ]
    query = Q()
    for name in text_fields:
        query |= Q(**{f"{name}__icontains": email})
    for report in Report.objects.filter(query):
        for name in text_fields:
            setattr(report, name, _without(getattr(report, name), email))
        report.save(update_fields=text_fields)
        changed += 1
    from projects.models import LegislativeNeed, Milestone, MilestoneProgress

    project_fields = ["research_note"] + [
        f"{name}_{code}"
        for name in ("public_title", "public_summary", "public_results", "public_lessons")
        for code in ("fi", "sv", "en")
    ]
    for model, fields in (
        (LegislativeNeed, ["title", "law", "description"]),
        (MilestoneProgress, ["text"]),
        (Milestone, ["title"]),
        (Project, project_fields),
    ):
        query = Q()
        for name in fields:
            query |= Q(**{f"{name}__icontains": email})
        for row in model.objects.filter(query):
            for name in fields:
                setattr(row, name, _without(getattr(row, name), email))
            row.save(update_fields=fields)
            changed += 1
    # The untranslated columns that modeltranslation keeps beside the translated ones.
    originals = ["public_title", "public_summary", "public_results", "public_lessons"]
    query = Q()
    for name in originals:
        query |= Q(**{f"{name}__icontains": email})
    for values in Project.objects.rewrite(False).filter(query).values("pk", *originals):
        cleaned = {name: _without(values[name], email) for name in originals}
        Project.objects.rewrite(False).filter(pk=values["pk"]).update(**cleaned)
        changed += 1
    return changed


def _without(text: str, email: str) -> str:
    import re

    return re.sub(re.escape(email), "[removed]", text or "", flags=re.IGNORECASE)
