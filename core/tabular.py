"""Reading an uploaded table (CSV or XLSX) for the launch imports, one way for every app: the formats
of django-import-export, with CSV's delimiter sniffed (Finnish Excel saves with semicolons)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import tablib
from import_export.formats.base_formats import CSV, XLSX

XLSX_MAGIC = b"PK\x03\x04"


class UnreadableTable(ValueError):
    """The upload is neither UTF-8 CSV nor a readable XLSX workbook (``code``: "format" or "encoding")."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, as the first line uses (a comma when it cannot tell)."""
    first_line = text[:4096].splitlines()[0] if text.strip() else ""
    try:
        return csv.Sniffer().sniff(first_line, ",;\t").delimiter
    except csv.Error:
        return ","


class SniffedCSV(CSV):
    """CSV separated by commas, semicolons or tabs."""

    def create_dataset(self, in_stream, **kwargs):
        delimiter = sniff_delimiter(in_stream) if isinstance(in_stream, str) else ","
        return tablib.import_set(in_stream, format="csv", delimiter=delimiter)


#: The formats the admin's import pages accept.
IMPORT_FORMATS = [SniffedCSV, XLSX]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_rows(content: bytes) -> list[list[str]]:
    """Every row of the file as text, the first (a header or not) included: an XLSX workbook's first
    sheet, or UTF-8 CSV. Dates in a workbook come as ISO dates."""
    if content.startswith(XLSX_MAGIC):
        try:
            dataset = XLSX().create_dataset(content)
        except StopIteration:  # an empty sheet
            return []
        except Exception:  # a damaged or foreign zip: the caller answers clearly, never a 500
            raise UnreadableTable("format") from None
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableTable("encoding") from None
        # Rows may differ in width here (an optional column left out), which tablib refuses.
        return list(csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text)))
    rows = [list(dataset.headers or [])] + [list(row) for row in dataset]
    return [[_text(value) for value in row] for row in rows]
