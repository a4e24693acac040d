"""Projects started before the share had one rounding rule stored it rounded down (30.86 % for 617.43 €
of 2 000.30 €); every other place showed it rounded half up (30.87 %). Recompute with the one rule
(funding.formatting.share_percent)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations
from django.db.models import Sum


def forwards(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    BudgetLine = apps.get_model("funding", "BudgetLine")
    for project in Project.objects.all().only("pk", "application_id", "granted_amount", "share"):
        total = BudgetLine.objects.filter(application_id=project.application_id).aggregate(t=Sum("amount"))["t"]
        if not total:
            continue
        share = (project.granted_amount * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if share != project.share:
            Project.objects.filter(pk=project.pk).update(share=share)


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_roles"),
        ("funding", "0006_receipt_queued_and_decision_grounds"),
    ]

    # Backwards the shares stay as recomputed: rounding down was the fault.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
