"""The answers to a call's own questions, stored typed (core.questionnaires.kinds) as a draft is saved."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from core.questionnaires.kinds import FormKind, to_json
from funding.models import Answer, Application, FormQuestion


def answers_save(locked: Application, answers: dict[str, Any]) -> list[str]:
    """Store the given answers typed (inside the saving transaction); the keys of those changed."""
    if not answers:
        return []
    questions = {
        q.key: q
        for q in FormQuestion.objects.filter(call_id=locked.call_id, key__in=list(answers)).exclude(
            kind=FormKind.FILE
        )
    }
    stored = {
        a.question_id: a for a in Answer.objects.filter(application=locked, question__in=questions.values())
    }
    changed, problems, create, update = [], [], [], []
    for key, raw in answers.items():
        question = questions.get(key)
        if question is None:
            continue
        value = to_json(question.kind, raw)
        if question.max_chars and isinstance(value, str) and len(value) > question.max_chars:
            problems.append(
                gettext("%(question)s: at most %(count)s characters.")
                % {"question": question.label, "count": question.max_chars}
            )
            continue
        answer = stored.get(question.pk)
        if answer is None:
            if value is None or (question.kind == FormKind.CONFIRM and value is False):
                continue
            create.append(Answer(application=locked, question=question, value=value))
        elif answer.value == value:
            continue
        else:
            answer.value = value
            update.append(answer)
        changed.append(key)
    if problems:
        from funding.services import FundingError

        raise FundingError(problems[0], code="invalid", problems=problems)
    Answer.objects.bulk_create(create)
    Answer.objects.bulk_update(update, ["value"])
    return changed
