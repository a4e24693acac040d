"""The one CSV helper (core.csv_export): formula-safe cells, the whole-file bytes and the two responses.

No database: the helper only formats what it is given.
"""

from decimal import Decimal

import pytest

from core.csv_export import csv_bytes, csv_response, safe_cell, safe_cell_or_number, streaming_csv_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+358401234567", "'+358401234567"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Maija = Meikäläinen", "Maija = Meikäläinen"),
        ("'=already", "'=already"),
        ("", ""),
        (None, ""),
        (42, "42"),
        (-5, "'-5"),
        (Decimal("-1.50"), "'-1.50"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-5, -5),
        (Decimal("-1.50"), Decimal("-1.50")),
        (4.13, 4.13),
        ("-5", "'-5"),
        ("=1+1", "'=1+1"),
        (None, ""),
    ],
)
def test_safe_cell_or_number_keeps_numbers(value, expected):
    result = safe_cell_or_number(value)
    assert result == expected
    assert type(result) is type(expected)


def test_csv_bytes_quotes_and_neutralises_cells_but_writes_the_header_as_given():
    content = csv_bytes(
        header=["name", "note"],
        rows=[['=HYPERLINK("x")', 'says "hi", twice'], ["Åsa", "line\nbreak"], [None, -3]],
    )
    assert content == (
        '\ufeffname,note\r\n"\'=HYPERLINK(""x"")","says ""hi"", twice"\r\nÅsa,"line\nbreak"\r\n,\'-3\r\n'
    ).encode("utf-8")


def test_csv_bytes_keep_numbers_writes_negative_figures_as_numbers():
    content = csv_bytes(header=["sum"], rows=[[Decimal("-2.50")], ["-2.50"]], keep_numbers=True)
    assert content == "\ufeffsum\r\n-2.50\r\n'-2.50\r\n".encode()


def test_csv_bytes_without_rows_is_the_bom_and_the_header():
    assert csv_bytes(header=["a", "b"], rows=[]) == "\ufeffa,b\r\n".encode()
    assert csv_bytes(header=[], rows=[]) == "\ufeff\r\n".encode()
    assert csv_bytes(rows=[]) == "\ufeff".encode()


def test_csv_response_is_a_download():
    response = csv_response(header=["a"], rows=[["=1"]], filename="luettelo.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="luettelo.csv"'
    assert response.content == "\ufeffa\r\n'=1\r\n".encode()


def test_streaming_csv_response_headers_and_body():
    rows = iter([["name", "email"], ["@Maija", "m@example.fi"], ["Pekka, Jr.", "-p@example.fi"]])
    response = streaming_csv_response(rows=rows, filename="registrations-kevatpaivat.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="registrations-kevatpaivat.csv"'
    chunks = list(response.streaming_content)
    assert chunks == [
        "\ufeffname,email\r\n".encode(),
        b"'@Maija,m@example.fi\r\n",
        b'"Pekka, Jr.",\'-p@example.fi\r\n',
    ]


def test_streaming_csv_response_reads_the_rows_only_when_sent():
    read = []

    def rows():
        for number in range(2):
            read.append(number)
            yield [number]

    response = streaming_csv_response(rows=rows(), filename="x.csv")
    assert read == []
    assert b"".join(response.streaming_content) == "\ufeff0\r\n1\r\n".encode()
    assert read == [0, 1]


def test_streaming_csv_response_without_rows_is_empty():
    response = streaming_csv_response(rows=[], filename="x.csv")
    assert b"".join(response.streaming_content) == b""


def test_the_finnish_excel_dialect_uses_semicolons_and_decimal_commas_and_stays_formula_safe():
    from core.csv_export import FINNISH_EXCEL

    content = csv_bytes(
        header=["Nimi", "Summa (€)", "Osuus"],
        rows=[["Hanke; osa 2", Decimal("1500.00"), 49.5], ["=SUM(A1)", -3, None]],
        dialect=FINNISH_EXCEL,
    )
    assert (
        content
        == ('\ufeffNimi;Summa (€);Osuus\r\n"Hanke; osa 2";1500,00;49,5\r\n\'=SUM(A1);-3;\r\n').encode()
    )


def test_plain_csv_keeps_commas_and_decimal_points():
    content = csv_bytes(header=["a", "b"], rows=[["x", Decimal("1500.50")]], keep_numbers=True)
    assert content == "\ufeffa,b\r\nx,1500.50\r\n".encode()


@pytest.mark.parametrize(
    ("query", "expected"), [("", "csv"), ("?dialect=excel-fi", "excel-fi"), ("?dialect=nonsense", "csv")]
)
def test_the_dialect_comes_from_the_download_link(rf, query, expected):
    from core.csv_export import dialect_from

    assert dialect_from(rf.get(f"/export.csv{query}")).key == expected


def test_a_streamed_export_in_the_finnish_dialect():
    from core.csv_export import FINNISH_EXCEL

    response = streaming_csv_response(
        rows=iter([["Nimi", "Määrä"], ["Ä", Decimal("2.5")]]), filename="x.csv", dialect=FINNISH_EXCEL
    )
    assert b"".join(response.streaming_content).decode() == "\ufeffNimi;Määrä\r\nÄ;2,5\r\n"
