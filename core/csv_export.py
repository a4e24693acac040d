"""CSV downloads: cells that spreadsheet programs cannot run as formulas, and the responses that carry them.

Every file starts with a UTF-8 byte order mark: without it Excel opens the file in the system's legacy code
page and the Finnish and Swedish letters come out garbled.

Two dialects, offered side by side by every export (``?dialect=excel-fi``, see :func:`dialect_from`):
plain CSV (comma, decimal point: for programs) and "Finnish Excel" (semicolon, decimal comma: Excel in
a Finnish or Swedish locale opens it straight into columns and reads the numbers as numbers).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

#: Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection); OWASP's
#: list, tab and carriage return included.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"
DIALECT_PARAMETER = "dialect"


@dataclass(frozen=True)
class Dialect:
    key: str
    delimiter: str
    decimal: str


PLAIN = Dialect(key="csv", delimiter=",", decimal=".")
FINNISH_EXCEL = Dialect(key="excel-fi", delimiter=";", decimal=",")
DIALECTS = {dialect.key: dialect for dialect in (PLAIN, FINNISH_EXCEL)}


def dialect_from(request) -> Dialect:
    """The dialect the download link asked for (``?dialect=excel-fi``); plain CSV otherwise."""
    return DIALECTS.get(request.GET.get(DIALECT_PARAMETER, ""), PLAIN)


def safe_cell(value: object) -> str:
    """``value`` as text that a spreadsheet shows rather than runs: a leading apostrophe makes the
    spreadsheet take the cell as text (OWASP's advice). None is an empty cell."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def safe_cell_or_number(value: object) -> object:
    """Like :func:`safe_cell`, but a number stays a number: a negative figure is not a formula, and an
    XLSX reader should be able to sum the column."""
    if isinstance(value, (int, float, Decimal)):
        return value
    return safe_cell(value)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _cell_function(dialect: Dialect, keep_numbers: bool):
    """How one value becomes a cell: formula-safe text; numbers in the dialect's decimal mark. In the
    Finnish dialect a number always stays a number (a spreadsheet must be able to sum the column)."""
    if dialect.decimal == ".":
        return safe_cell_or_number if keep_numbers else safe_cell

    def cell(value: object) -> object:
        if _is_number(value):
            return str(value).replace(".", dialect.decimal)
        return safe_cell(value)

    return cell


def _writer(target, dialect: Dialect):
    return csv.writer(target, delimiter=dialect.delimiter, lineterminator="\r\n")


def csv_bytes(
    *,
    rows: Iterable[Iterable[object]],
    header: Sequence[str] | None = None,
    keep_numbers: bool = False,
    dialect: Dialect = PLAIN,
) -> bytes:
    """The whole file at once, for callers that serve it next to other formats or from a renderer. The
    header is written as given (even an empty one, as an empty line): it is the code's column names."""
    cell = _cell_function(dialect, keep_numbers)
    buffer = io.StringIO()
    writer = _writer(buffer, dialect)
    if header is not None:
        writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def csv_response(
    *,
    rows: Iterable[Iterable[object]],
    filename: str,
    header: Sequence[str] | None = None,
    dialect: Dialect = PLAIN,
) -> HttpResponse:
    """:func:`csv_bytes` as a download, for files small enough to build in memory."""
    response = HttpResponse(csv_bytes(rows=rows, header=header, dialect=dialect), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    """A file that hands back what is written to it, so that csv.writer yields one line at a time."""

    def write(self, value: str) -> str:
        return value


def _stream(rows: Iterable[Iterable[object]], dialect: Dialect) -> Iterator[str]:
    writer = _writer(_Echo(), dialect)
    cell = _cell_function(dialect, keep_numbers=False)
    for index, row in enumerate(rows):
        line = writer.writerow([cell(value) for value in row])
        yield BOM + line if index == 0 else line


def streaming_csv_response(
    *, rows: Iterable[Iterable[object]], filename: str, dialect: Dialect = PLAIN
) -> StreamingHttpResponse:
    """A download that is written while ``rows`` is read, so that a large export (a queryset iterator)
    never sits in memory whole. Every row is made formula-safe, the header row too (it is the first
    row of ``rows``)."""
    response = StreamingHttpResponse(_stream(rows, dialect), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
