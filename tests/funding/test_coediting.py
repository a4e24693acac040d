"""Co-editing a draft: what only the other window changed is kept; only parts changed in both conflict."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.funding.factories import ApplicationFactory, answer, applicant
from tests.funding.test_views import form_data, url

pytestmark = pytest.mark.django_db


def loaded(client, application, **changes) -> dict:
    """The section of the edit form as this window loaded it (with its signed base), then edited."""
    data = form_data(application, action="save", **changes)
    html = client.get(f"{url(application)}?section={data['section']}").content.decode()
    base = unescape(re.search(r'name="base" value="([^"]*)"', html).group(1))
    return {**data, "base": base}


def two_people():
    # The risks and the schedule: two answers of the same section of the call's form.
    application = ApplicationFactory(risks="Alkuperäiset riskit", schedule="Alkuperäinen aikataulu")
    first = applicant(application.call, organisation=application.organisation)
    second = applicant(application.call, organisation=application.organisation)
    return application, first.user, second.user


def test_changes_to_different_fields_are_merged_not_reverted(client):
    application, first, second = two_people()
    client.force_login(second)
    second_window = loaded(client, application, schedule="Toisen tiivistelmä")
    client.force_login(first)
    assert (
        client.post(url(application), loaded(client, application, risks="Ensimmäisen riskit")).status_code
        == 302
    )
    client.force_login(second)
    assert client.post(url(application), second_window).status_code == 302
    application.refresh_from_db()
    assert (answer(application, "risks"), answer(application, "schedule"), application.version) == (
        "Ensimmäisen riskit",
        "Toisen tiivistelmä",
        3,
    )


def test_only_fields_changed_by_both_conflict_with_both_values_and_saving_again_keeps_the_others(client):
    application, first, second = two_people()
    client.force_login(second)
    second_window = loaded(client, application, risks="Toisen riskit")
    client.force_login(first)
    first_window = loaded(client, application, risks="Ensimmäisen riskit", schedule="Ensimmäisen tiivistelmä")
    assert client.post(url(application), first_window).status_code == 302
    client.force_login(second)
    response = client.post(url(application).replace("/fi/", "/en/"), second_window)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved the application" in html
    differences = re.search(r'<dl class="differences">(.*?)</dl>', html, re.S).group(1)
    assert re.findall(r"<dt>(.*?)</dt>", differences) == ["Risks"]
    assert "Ensimmäisen riskit" in differences and "Toisen riskit" in differences
    # The form now carries the other person's schedule and this person's risks.
    assert "Ensimmäisen tiivistelmä</textarea>" in html
    assert "Toisen riskit</textarea>" in html
    again = {**second_window, "q_schedule": "Ensimmäisen tiivistelmä", "version": "2"}
    again["base"] = unescape(re.search(r'name="base" value="([^"]*)"', html).group(1))
    assert client.post(url(application), again).status_code == 302
    application.refresh_from_db()
    assert (answer(application, "risks"), answer(application, "schedule")) == (
        "Toisen riskit",
        "Ensimmäisen tiivistelmä",
    )


def test_the_same_person_in_another_window_is_told_so(client):
    application, first, _second = two_people()
    client.force_login(first)
    one = loaded(client, application, risks="Ikkuna yksi")
    two = loaded(client, application, risks="Ikkuna kaksi")
    assert client.post(url(application), one).status_code == 302
    response = client.post(url(application).replace("/fi/", "/en/"), two)
    assert response.status_code == 409
    html = response.content.decode()
    assert "You saved the application in another window" in html
    assert "You saved this application in another window at" in html
