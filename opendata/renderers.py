"""CSV output of the open data API: one row per record, nested fields flattened into columns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

from core.csv_export import csv_bytes, safe_cell

LIST_SEPARATOR = "; "
PAGE_KEYS = {"count", "next", "previous", "results"}
#: The key of each record's object naming the language of its texts (opendata.serializers.languages_of).
LANGUAGES = "languages"


def columns(serializer: serializers.BaseSerializer, prefix: str = "") -> list[str]:
    """The CSV header of ``serializer``'s records: nested objects (and lists of objects) become
    ``parent.child`` columns, so the header is the same whether or not there are rows."""
    if isinstance(serializer, serializers.ListSerializer):
        serializer = serializer.child
    names: list[str] = []
    for name, field in serializer.fields.items():
        target = field.child if isinstance(field, serializers.ListSerializer) else field
        if isinstance(target, serializers.Serializer):
            names.extend(columns(target, prefix=f"{prefix}{name}."))
        else:
            names.append(f"{prefix}{name}")
    if prefix:
        return names
    # The columns naming the texts' languages come last, whatever object they belong to: a
    # spreadsheet reading the earlier columns by position keeps working as they were.
    languages = [name for name in names if LANGUAGES in name.split(".")]
    return [name for name in names if name not in languages] + languages


def _lookup(value, path: list[str]):
    """The value at ``path`` in a record; a list of objects gives the list of their values."""
    for index, key in enumerate(path):
        if isinstance(value, list):
            return [_lookup(item, path[index:]) for item in value]
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(cell(item) for item in value if item is not None)
    return safe_cell(value)


def rows(records: Iterable[Mapping], header: list[str]) -> Iterable[list[str]]:
    paths = [name.split(".") for name in header]
    for record in records:
        yield [cell(_lookup(record, path)) for path in paths]


class CSVRenderer(BaseRenderer):
    """Renders a page of results (or one record) as CSV with a header row, UTF-8 with a byte order
    mark so that spreadsheet programs read the Finnish and Swedish letters right."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        if isinstance(data, Mapping) and set(data) == PAGE_KEYS:
            records = data["results"]
        elif isinstance(data, Mapping):
            records = [data]
        else:
            records = list(data or [])
        if view is not None and hasattr(view, "get_serializer"):
            header = columns(view.get_serializer())
        else:
            header = sorted({key for record in records for key in record})
        # The cells are already safe (cell()); csv_bytes making them safe again changes nothing.
        return csv_bytes(header=header, rows=rows(records, header))
