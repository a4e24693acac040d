"""The launch import of member organisations in the admin (issue 20): CSV or XLSX, a dry run with a
report row by row, business IDs validated, duplicates merged, nothing mailed, audited, safe to repeat."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.models import AuditEntry
from members.enums import MembershipStatus
from members.models import Organisation
from outbox.models import OutgoingMail
from tests.factories import OrganisationFactory, UserFactory, valid_business_id

pytestmark = pytest.mark.django_db
IMPORT = "/fi/admin/members/organisation/import/"
PROCESS = "/fi/admin/members/organisation/process_import/"
A, B, C = valid_business_id(901_001), valid_business_id(902_002), valid_business_id(903_003)


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Coordinators"))
    client.force_login(user)
    return user


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("jasenet.csv", text.encode("utf-8-sig"), "text/csv")


GOOD = (
    "Y-tunnus;Nimi;Tyyppi;Hyvinvointialue;Kunta;Verkkosivu;Julkinen;Jäsen alkaen\n"
    f"{A};Kuulas Terveysdata Oy;Yritys;Pirkanmaan hyvinvointialue;;kuulas.example.fi;kyllä;5.3.2025\n"
    f"{B};Tutkimuslaitos Ry;research;;Oulu;;ei;2024-09-19\n"
    # The same organisation again (another tool's row): merged, its empty cells leave the rest alone.
    f"{A};;;;Tampere;;;\n"
    f";Ulkomainen Partneri GmbH;company;;;https://partner.example.de;kyllä;\n"
)


def dry_run(client, upload):
    return client.post(IMPORT, {"format": "0", "import_file": upload})


def confirm(client, response):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(PROCESS, data)


def test_dry_run_reports_row_by_row_and_saves_nothing(client, coordinator):
    before = Organisation.objects.count()
    bad = GOOD + "1234567-8;Väärä Tunnus Oy;company;;;;;\n;;company;;;;;\n"

    response = dry_run(client, csv_file(bad))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Y-tunnuksen 1234567-8 tarkistusnumero on väärä. Tarkista tunnus." in page
    assert Organisation.objects.count() == before
    assert response.context.get("confirm_form") is None  # a file with errors cannot be confirmed
    assert OutgoingMail.objects.count() == 0


def test_import_merges_validates_audits_mails_nobody_and_can_run_again(client, coordinator):
    before = Organisation.objects.count()
    response = dry_run(client, csv_file(GOOD))
    result = response.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "new", "update", "new"]
    assert Organisation.objects.count() == before  # the dry run left nothing behind

    assert confirm(client, response).status_code == 302

    assert Organisation.objects.count() == before + 3
    kuulas = Organisation.objects.get(business_id=A)
    assert (
        kuulas.name_fi,
        kuulas.municipality,
        kuulas.type,
        kuulas.region.code,
        kuulas.website,
        kuulas.listed_publicly,
    ) == (
        "Kuulas Terveysdata Oy",
        "Tampere",
        "company",
        "pirkanmaa",
        "https://kuulas.example.fi",
        True,
    )
    assert (kuulas.status, timezone.localdate(kuulas.member_since).isoformat()) == (
        MembershipStatus.MEMBER,
        "2025-03-05",
    )
    assert Organisation.objects.get(name_fi="Ulkomainen Partneri GmbH").business_id == ""
    assert OutgoingMail.objects.count() == 0
    # three created, one merged into
    assert AuditEntry.objects.filter(action="members.organisation.imported", actor=coordinator).count() == 4
    run = AuditEntry.objects.get(action="members.organisation.import_run")
    assert (run.actor_id, run.new["rows"], run.new["new"], run.new["update"]) == (coordinator.pk, 4, 3, 1)

    again = dry_run(client, csv_file(GOOD))
    assert [row.import_type for row in again.context["result"].rows] == ["skip", "skip", "skip", "skip"]
    confirm(client, again)
    assert Organisation.objects.count() == before + 3
    assert AuditEntry.objects.filter(action="members.organisation.imported").count() == 4


def test_an_xlsx_file_updates_an_existing_member_without_touching_its_status(client, coordinator):
    existing = OrganisationFactory(
        business_id=C, name="Vanha Nimi Oy", name_fi="Vanha Nimi Oy", status=MembershipStatus.RESIGNED
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["business_id", "name", "municipality"])
    sheet.append([C.replace("-", "- ").replace("- ", "-"), "Uusi Nimi Oy", "Kuopio"])
    stream = io.BytesIO()
    book.save(stream)
    upload = SimpleUploadedFile(
        "jasenet.xlsx", stream.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )

    response = client.post(IMPORT, {"format": "1", "import_file": upload})
    confirm(client, response)

    existing.refresh_from_db()
    assert (existing.name_fi, existing.municipality, existing.status) == (
        "Uusi Nimi Oy",
        "Kuopio",
        MembershipStatus.RESIGNED,
    )
    entry = AuditEntry.objects.get(action="members.organisation.imported")
    assert entry.old == {"name_fi": "Vanha Nimi Oy", "municipality": ""}
    assert re.search("Uusi Nimi Oy", str(entry.new))
