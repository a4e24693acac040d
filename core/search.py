"""The site-wide search's protocol: what an app tells the search about its public objects.

An app with searchable objects provides ``<app>/searchable.py`` with::

    KINDS: dict[str, Callable[[Collection[int] | None], Iterable[Document]]]

mapping each kind it owns (a value of ``search.enums.Kind``) to a function that returns the documents of
the objects among ``ids`` (every object when ``ids`` is None) that the public may see right now or at
a known later moment (``visible_from``/``visible_until``). An object missing from the result has no
document: unpublished drafts, resigned members, cancelled issues. Documents carry only public text,
never an email address (``public_text`` removes any that a free-text field may hold).

The app's services call ``changed(kind=..., ids=...)`` after a write that may change what the public
sees; the search app (which registers itself with ``connect``) refreshes those documents once the
transaction commits. ``core`` imports no other app, so the hook goes this way round.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import translation

Texts = dict[str, str]

#: Finnish and Swedish letters folded to their base letter in documents and queries alike, so that
#: "tekoaly" finds "tekoäly" without the unaccent extension (the embedded PostgreSQL lacks it).
_FOLD = str.maketrans("äöåÄÖÅéÉüÜ", "aoaAOAeEuU")
_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(\.[\w-]+)+")
# Markdown's punctuation and link targets: the snippets show the words only.
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*_#>`|\[\]]+")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def public_text(*parts: str | None) -> str:
    """The non-empty parts joined, with any email address removed: the search never shows one."""
    text = " ".join(str(part) for part in parts if part)
    text = _MARKUP.sub(" ", _LINK_TARGET.sub("]", _EMAIL.sub(" ", text)))
    return " ".join(text.split())


def field_in(obj, name: str, code: str) -> str:
    """A translated field's own value in language ``code`` (no fallback), '' for no object."""
    return (getattr(obj, f"{name}_{code}", "") or "") if obj is not None else ""


def per_language(build: Callable[[str], str | None]) -> Texts:
    """``build(code)`` for each site language, run with that language active (so choice labels come
    out translated); languages with no text are left out."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            value = public_text(build(code))
        if value:
            texts[code] = value
    return texts


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    url_name: str
    url_kwargs: dict
    title: Texts
    summary: Texts = field(default_factory=dict)
    body: Texts = field(default_factory=dict)
    visible_from: datetime | None = None
    visible_until: datetime | None = None
    date: datetime | None = None


Provider = Callable[[Collection[int] | None], Iterable[Document]]
_handlers: list[Callable[[str, list[int]], None]] = []


def connect(handler: Callable[[str, list[int]], None]) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def changed(*, kind: str, ids: Iterable[int]) -> None:
    """The public view of these objects may have changed: refresh their documents after the commit."""
    ids = sorted({int(pk) for pk in ids if pk is not None})
    if not ids:
        return
    for handler in _handlers:
        transaction.on_commit(lambda handler=handler: handler(kind, ids), robust=True)
