"""The accessibility statement in the EU model's form (Commission Implementing Decision (EU) 2018/1523)
with the supervisor since 1.1.2026, and a privacy notice that matches what the portal publishes and the
cookies it sets. A page an editor has already changed is left alone."""

from django.db import migrations

from core.migrations import _statements_2026 as texts


def _apply(apps, replacements):
    Page = apps.get_model("core", "Page")
    for slug, fields in replacements.items():
        page = Page.objects.filter(slug=slug).first()
        if page is None:
            continue
        changed = []
        for field, (old, new) in fields.items():
            current = getattr(page, field) or ""
            updated = new(current) if callable(new) else (new if current.strip() == old.strip() else current)
            if updated != current:
                setattr(page, field, updated)
                changed.append(field)
        if changed:
            if "body_fi" in changed:
                page.body = page.body_fi
                changed.append("body")
            page.save(update_fields=changed)


def forwards(apps, schema_editor):
    _apply(apps, texts.forwards())


def backwards(apps, schema_editor):
    _apply(apps, texts.backwards())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
