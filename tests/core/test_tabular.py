"""One reader of uploaded tables for every launch import (members and subscribers)."""

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from core import tabular
from members import resources


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbooks_first_sheet_is_read_as_text_with_iso_dates():
    content = _xlsx(
        [
            ["email", "kieli", "suostumus"],
            ["a@example.fi", "fi", datetime(2025, 3, 4, 10, 0)],
            ["b@example.fi", None, date(2024, 1, 2)],
        ]
    )

    assert tabular.read_rows(content) == [
        ["email", "kieli", "suostumus"],
        ["a@example.fi", "fi", "2025-03-04"],
        ["b@example.fi", "", "2024-01-02"],
    ]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_from_finnish_excel_or_elsewhere_is_split_by_its_own_delimiter(delimiter):
    text = (
        delimiter.join(["sähköposti", "kieli"])
        + "\r\n"
        + delimiter.join(["å@example.fi", "sv"])
        + "\r\nc@example.fi\r\n"
    )

    assert tabular.read_rows(("\ufeff" + text).encode()) == [
        ["sähköposti", "kieli"],
        ["å@example.fi", "sv"],
        ["c@example.fi"],
    ]


def test_a_file_that_is_neither_utf8_nor_a_workbook_is_refused_with_a_reason():
    with pytest.raises(tabular.UnreadableTable) as encoding:
        tabular.read_rows("sähköposti;kieli\n".encode("latin-1"))
    with pytest.raises(tabular.UnreadableTable) as damaged:
        tabular.read_rows(b"PK\x03\x04 not really a zip")

    assert (encoding.value.code, damaged.value.code) == ("encoding", "format")


def test_the_admin_import_of_members_reads_with_the_same_formats():
    assert resources.IMPORT_FORMATS is tabular.IMPORT_FORMATS
    dataset = tabular.SniffedCSV().create_dataset("y-tunnus;nimi\n0201256-6;Pirkanmaan hyvinvointialue\n")
    assert (list(dataset.headers), list(dataset[0])) == (
        ["y-tunnus", "nimi"],
        ["0201256-6", "Pirkanmaan hyvinvointialue"],
    )
