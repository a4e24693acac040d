"""Every existing call gets the built-in form (the 2024 call's sections) and every application's
texts, commitments and research willingness move into answers of that form, nothing lost: a text
that is not blank becomes an answer with the very same text, every yes/no becomes a boolean answer.
The reverse puts them back into the columns."""

from django.conf import settings
from django.db import migrations

TEXT_KEYS = [
    "problem",
    "solution",
    "ai_used",
    "data_origin",
    "data_quality",
    "data_representativeness",
    "data_bias",
    "personal_data_basis",
    "effectiveness",
    "evaluation",
    "scaling",
    "cooperation",
    "schedule",
    "risks",
]
BOOLEAN_KEYS = [
    "commitment_legislation",
    "commitment_sharing",
    "commitment_evaluation",
    "commitment_responsible_ai",
    "research_willing",
]
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _fields(name, values):
    fields = {f"{name}_{code}": values.get(code) or "" for code in LANGUAGES}
    fields[name] = values.get(settings.LANGUAGE_CODE) or ""
    return fields


def _create_form(apps, call, data):
    FormSection = apps.get_model("funding", "FormSection")
    FormQuestion = apps.get_model("funding", "FormQuestion")
    questions = {}
    for order, section_data in enumerate(data):
        section = FormSection.objects.create(
            call=call,
            order=order,
            **_fields("title", section_data["title"]),
            **_fields("intro", section_data["intro"]),
        )
        for q_order, q in enumerate(section_data["questions"]):
            questions[q["key"]] = FormQuestion.objects.create(
                section=section,
                call=call,
                key=q["key"],
                order=q_order,
                kind=q["kind"],
                required=q["required"],
                max_chars=q["max_chars"],
                **_fields("label", q["label"]),
                **_fields("help_text", q["help_text"]),
            )
    return questions


def forward(apps, schema_editor):
    from funding.form_template import default_form_data

    FundingCall = apps.get_model("funding", "FundingCall")
    FormQuestion = apps.get_model("funding", "FormQuestion")
    Application = apps.get_model("funding", "Application")
    Answer = apps.get_model("funding", "Answer")
    data = default_form_data()
    forms = {}
    for call in FundingCall.objects.order_by("pk"):
        existing = {q.key: q for q in FormQuestion.objects.filter(call=call)}
        forms[call.pk] = existing or _create_form(apps, call, data)
    answers = []
    for application in Application.objects.order_by("pk").iterator(chunk_size=500):
        questions = forms[application.call_id]
        for key in TEXT_KEYS:
            text = getattr(application, key) or ""
            if text.strip() and key in questions:
                answers.append(Answer(application=application, question=questions[key], value=text))
        for key in BOOLEAN_KEYS:
            if key in questions:
                answers.append(
                    Answer(application=application, question=questions[key], value=bool(getattr(application, key)))
                )
        if len(answers) >= 5000:
            Answer.objects.bulk_create(answers)
            answers = []
    Answer.objects.bulk_create(answers)


def backward(apps, schema_editor):
    Application = apps.get_model("funding", "Application")
    Answer = apps.get_model("funding", "Answer")
    FormSection = apps.get_model("funding", "FormSection")
    for application in Application.objects.order_by("pk").iterator(chunk_size=500):
        values = dict(
            Answer.objects.filter(application=application, question__key__in=TEXT_KEYS + BOOLEAN_KEYS).values_list(
                "question__key", "value"
            )
        )
        for key in TEXT_KEYS:
            setattr(application, key, values.get(key) or "")
        for key in BOOLEAN_KEYS:
            setattr(application, key, values.get(key) is True)
        application.save(update_fields=TEXT_KEYS + BOOLEAN_KEYS)
    Answer.objects.all().delete()
    FormSection.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0008_call_forms")]

    operations = [migrations.RunPython(forward, backward)]
