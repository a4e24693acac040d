from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0005_review_workbench"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="receipt_queued_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="receipt queued"),
        ),
        migrations.AddField(
            model_name="decision",
            name="grounds",
            field=models.TextField(
                blank=True, max_length=3000, verbose_name="grounds in the applicant's language"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="grounds_language",
            field=models.CharField(blank=True, max_length=2, verbose_name="language of the grounds"),
        ),
    ]
