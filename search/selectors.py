"""Reads of the search: the site-wide results page and the per-list ``?q=`` filters share one query
language. A query's words must all match (in any of the three languages, with or without ä/ö/å); the
last word matches as a prefix while it is being typed; stop words of any language are ignored."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import FloatField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.search import fold
from search.enums import Kind
from search.models import SearchDocument
from search.services import CONFIGURATIONS

MAX_WORDS = 8
#: Shorter last words are not expanded as prefixes: "a:*" would match nearly everything.
MIN_PREFIX = 3
_WORD = re.compile(r"[^\W_]+")
# Private-use characters mark the matches in ts_headline's output, which is escaped before they
# become <mark>: the indexed text cannot smuggle markup into the page.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_OPTIONS = (
    f'StartSel="{_START}", StopSel="{_STOP}", MaxWords=30, MinWords=12, ShortWord=2, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


#: Swedish definite and genitive endings that PostgreSQL's Swedish stemmer keeps ("sjukhusets",
#: "området", "regionerna"): a query word is also tried without them.
_SWEDISH_ENDINGS = ("ernas", "arnas", "ets", "et", "ena", "na")


def _swedish_base(word: str) -> str:
    for ending in _SWEDISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@dataclass(frozen=True)
class TsQuery:
    sql: str
    params: list


def tsquery(text: str) -> TsQuery | None:
    """The SQL of ``text`` as a tsquery, or None when it has no word to search for."""
    text = (text or "")[:200]
    words = _WORD.findall(text.lower())[:MAX_WORDS]
    if not words:
        return None
    typing = not text[-1:].isspace()
    groups, params = [], []
    for index, word in enumerate(words):
        suffix = ":*" if typing and index == len(words) - 1 and len(word) >= MIN_PREFIX else ""
        alternatives, alternative_params = [], []
        for variant in dict.fromkeys([word, fold(word)]):
            for config in CONFIGURATIONS.values():
                alternatives.append(f"to_tsquery('{config}', %s)")
                alternative_params.append(variant + suffix)
            base = _swedish_base(variant)
            if base != variant:
                alternatives.append("to_tsquery('swedish', %s)")
                alternative_params.append(base + suffix)
        # A stop word in any language ("ja", "och", "the") would demand a lexeme that the other
        # languages' documents never hold; it is left out.
        stop = " OR ".join(f"numnode(to_tsquery('{config}', %s)) = 0" for config in CONFIGURATIONS.values())
        groups.append(f"(CASE WHEN {stop} THEN ''::tsquery ELSE ({' || '.join(alternatives)}) END)")
        params += [word] * len(CONFIGURATIONS) + alternative_params
    return TsQuery("(" + " && ".join(groups) + ")", params)


def _visible(now: datetime) -> tuple[str, list]:
    condition = (
        "(d.visible_from IS NULL OR d.visible_from <= %s) "
        "AND (d.visible_until IS NULL OR d.visible_until > %s)"
    )
    return condition, [now, now]


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: SafeString
    language: str
    date: datetime | None


@dataclass
class Group:
    kind: str
    label: str
    total: int
    hits: list[Hit] = field(default_factory=list)


def _language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in CONFIGURATIONS else settings.LANGUAGE_CODE


def _snippet(headline: str) -> SafeString:
    return mark_safe(escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308 escaped


def _url(url_name: str, url_kwargs: dict | str) -> str:
    if isinstance(url_kwargs, str):  # a raw cursor reads jsonb as text under Django
        url_kwargs = json.loads(url_kwargs)
    try:
        return reverse(url_name, kwargs=url_kwargs)
    except NoReverseMatch:
        return ""


def search(
    *, text: str, kind: str = "", per_kind: int = 5, offset: int = 0, now: datetime | None = None
) -> list[Group]:
    """The best ``per_kind`` results of each kind (after ``offset``), grouped in ``Kind``'s order, with
    each group's total; one query whatever the number of results."""
    query = tsquery(text)
    if query is None:
        return []
    language, default = _language(), settings.LANGUAGE_CODE
    visible, visible_params = _visible(now or timezone.now())
    kind_sql, kind_params = ("AND d.kind = %s", [kind]) if kind else ("", [])
    # The snippet comes from the text in the page's language when there is one, else in Finnish.
    source = [f"d.body_{language}", f"d.summary_{language}", f"d.body_{default}", f"d.summary_{default}"]
    configs = [CONFIGURATIONS[language]] * 2 + [CONFIGURATIONS[default]] * 2
    text_sql = "CASE " + " ".join(f"WHEN {column} <> '' THEN {column}" for column in source) + " ELSE '' END"
    config_sql = (
        "CASE "
        + " ".join(
            f"WHEN {column} <> '' THEN '{config}'" for column, config in zip(source, configs, strict=True)
        )
        + f" ELSE '{CONFIGURATIONS[default]}' END::regconfig"
    )
    # Every value the visitor typed is a parameter; the SQL text is built from constants.
    sql = f"""
        WITH q AS (SELECT {query.sql} AS query),
        matches AS (
            SELECT d.id, d.kind, count(*) OVER (PARTITION BY d.kind) AS total,
                   row_number() OVER (
                       PARTITION BY d.kind
                       ORDER BY ts_rank_cd(d.document, q.query) DESC, d.date DESC NULLS LAST, d.id
                   ) AS n
            FROM {SearchDocument._meta.db_table} d, q
            WHERE d.document @@ q.query AND {visible} {kind_sql}
        )
        SELECT m.kind, m.total, d.url_name, d.url_kwargs, d.title_{language}, d.title_{default}, d.date,
               ts_headline({config_sql}, {text_sql}, q.query, %s)
        FROM matches m JOIN {SearchDocument._meta.db_table} d ON d.id = m.id, q
        WHERE m.n > %s AND m.n <= %s
        ORDER BY m.kind, m.n
    """  # noqa: S608
    params = [*query.params, *visible_params, *kind_params, _HEADLINE_OPTIONS, offset, offset + per_kind]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    groups: dict[str, Group] = {}
    labels = dict(Kind.choices)
    for row_kind, total, url_name, url_kwargs, title, default_title, date, headline in rows:
        group = groups.setdefault(row_kind, Group(row_kind, str(labels.get(row_kind, row_kind)), total))
        group.hits.append(
            Hit(
                title=title or default_title,
                url=_url(url_name, url_kwargs),
                snippet=_snippet(headline),
                language=language if title else default,
                date=date,
            )
        )
    order = {value: index for index, value in enumerate(Kind.values)}
    return sorted(groups.values(), key=lambda group: order.get(group.kind, len(order)))


def search_filter(queryset: QuerySet, *, kind: str, text: str) -> QuerySet:
    """``queryset`` (of the model behind ``kind``) narrowed to the rows whose document matches
    ``text``, annotated with ``search_rank`` for ordering: the per-list ``?q=`` filters. Subqueries,
    so the list keeps its number of queries. Blank text leaves the queryset as it is."""
    if not (text or "").strip():
        return queryset
    query = tsquery(text)
    if query is None:
        return queryset.none()
    # The matching ids are collected once (ARRAY(...) is an init plan) whatever the planner thinks of
    # the list's own rows: as a plain semi-join, stale statistics can make it test every document
    # against every row of the list.
    matching = RawSQL(  # noqa: S611 (every value is a parameter)
        f"SELECT unnest(ARRAY(SELECT object_id FROM {SearchDocument._meta.db_table} "  # noqa: S608
        f"WHERE kind = %s AND document @@ {query.sql}))",
        [kind, *query.params],
    )
    # Unqualified column names: Django renames the subquery's table alias.
    ranks = (
        SearchDocument.objects.filter(kind=kind, object_id=OuterRef("pk"))
        .annotate(
            rank=RawSQL(f"ts_rank_cd(document, {query.sql})", query.params, output_field=FloatField())  # noqa: S611
        )
        .values("rank")[:1]
    )
    return queryset.filter(pk__in=matching).annotate(search_rank=Subquery(ranks, output_field=FloatField()))
