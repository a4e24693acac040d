"""Two people (or one person in two windows) editing the same draft: what each changed is merged.

Every edit form carries, signed, the values it was loaded with (its *base*). When a save finds that the
application was saved in between, each part is compared three ways: a part changed only in the stored
version is kept, a part changed only in this save is applied, and only a part changed in both, to
different values, is a conflict. Without a base (an old form) every difference is a conflict.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core import signing

from funding.rules import EDITABLE_FIELDS

SALT = "funding.application.base"
#: The parts beside the fields: the partners and the budget, each compared as a whole.
PARTS = ("partners", "budget_lines")
#: The prefix of an answer to the call's question ``key``: each answer is its own part.
ANSWER = "answer:"


def _amount(value) -> str:
    return "" if value in (None, "") else str(Decimal(value).quantize(Decimal("0.01")))


def comparable(
    values: dict[str, Any], partners, lines, *, answers: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Plain, JSON-able values of what an applicant edits, equal exactly when the content is: the
    fields given in ``values``, the answers (JSON values by key) and the partners and budget lines
    when not None."""
    plain: dict[str, Any] = {}
    for name in EDITABLE_FIELDS:
        if name not in values:
            continue
        value = values.get(name)
        if name == "requested_amount":
            plain[name] = _amount(value)
        elif isinstance(value, bool):
            plain[name] = value
        else:
            plain[name] = (value or "").strip() if isinstance(value, str) or value is None else value
    for key, value in (answers or {}).items():
        plain[f"{ANSWER}{key}"] = value
    if partners is not None:
        plain["partners"] = [[p.name, p.type, p.role, p.business_id] for p in partners]
    if lines is not None:
        plain["budget_lines"] = [[b.category, int(b.year), _amount(b.amount), b.description] for b in lines]
    return plain


def stored_comparable(application) -> dict[str, Any]:
    """Everything the applicant edits, as stored (every answer of the call's form by key)."""
    from core.questionnaires.kinds import FormKind
    from funding.models import FormQuestion

    stored = dict(application.answers.values_list("question__key", "value"))
    questions = (
        FormQuestion.objects.filter(call_id=application.call_id)
        .exclude(kind=FormKind.FILE)
        .values_list("key", "kind")
    )
    return comparable(
        {name: getattr(application, name) for name in EDITABLE_FIELDS},
        list(application.partners.order_by("order", "id")),
        list(application.budget_lines.order_by("order", "id")),
        answers={
            key: (stored.get(key) is True) if kind == FormKind.CONFIRM else stored.get(key)
            for key, kind in questions
        },
    )


def base_sign(application) -> str:
    """The signed base an edit form carries for ``application`` as stored now."""
    return signing.dumps(stored_comparable(application), salt=SALT, compress=True)


def base_load(token: str | None) -> dict[str, Any] | None:
    """The base a form was loaded with; None when missing or tampered with."""
    if not token:
        return None
    try:
        return signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None


def three_way(base: dict[str, Any] | None, mine: dict[str, Any], theirs: dict[str, Any]):
    """(parts to take from the stored version, parts in conflict)."""
    take_theirs, conflicts = [], []
    for name, value in mine.items():
        stored = theirs.get(name)
        if value == stored:
            continue
        if base is None:
            conflicts.append(name)
        elif value == base.get(name):
            take_theirs.append(name)
        elif stored != base.get(name):
            conflicts.append(name)
    return take_theirs, conflicts
