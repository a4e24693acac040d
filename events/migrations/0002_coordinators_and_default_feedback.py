"""Coordinators manage events; the default feedback survey in Finnish, Swedish and English."""

from django.db import migrations

from core.groups import grant_permissions

DEFAULT_QUESTIONS = [
    # kind, required, fi, sv, en
    (
        "scale",
        True,
        "Kuinka hyödyllinen tilaisuus oli sinulle kokonaisuutena?",
        "Hur nyttigt var evenemanget för dig som helhet?",
        "Overall, how useful was the event for you?",
    ),
    (
        "scale",
        False,
        "Kuinka hyvin tilaisuuden sisältö vastasi odotuksiasi?",
        "Hur väl motsvarade innehållet dina förväntningar?",
        "How well did the content meet your expectations?",
    ),
    (
        "scale",
        False,
        "Kuinka todennäköisesti osallistut seuraavaan tilaisuuteen?",
        "Hur sannolikt är det att du deltar i nästa evenemang?",
        "How likely are you to attend the next event?",
    ),
    (
        "text",
        False,
        "Mikä oli tilaisuudessa parasta?",
        "Vad var bäst i evenemanget?",
        "What was the best part of the event?",
    ),
    (
        "text",
        False,
        "Mistä aiheista toivoisit seuraavia tilaisuuksia?",
        "Vilka ämnen önskar du för kommande evenemang?",
        "Which topics would you like future events to cover?",
    ),
]


def forwards(apps, schema_editor):
    grant_permissions(apps, group="Coordinators", app_label="events")
    FeedbackQuestion = apps.get_model("events", "FeedbackQuestion")
    if FeedbackQuestion.objects.filter(event__isnull=True).exists():
        return
    for order, (kind, required, fi, sv, en) in enumerate(DEFAULT_QUESTIONS, start=1):
        FeedbackQuestion.objects.create(
            event=None, kind=kind, required=required, order=order * 10, text=fi, text_fi=fi, text_sv=sv, text_en=en
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("core", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
