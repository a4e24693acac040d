"""core.formrender.FastFormRenderer builds exactly the HTML Django's templates build."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation

from core.formrender import FastFormRenderer
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant
from tests.funding.test_views import form_data

BASE = re.compile(r'name="base" value="[^"]*"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


class Sample(forms.Form):
    required_css_class = "required"
    error_css_class = "error"
    name = forms.CharField(label="Nimi <b>", max_length=20, help_text="Ohje & <i>vinkki</i>")
    count = forms.IntegerField(label="Määrä", min_value=1, localize=True)
    kind = forms.ChoiceField(
        choices=[("", "—"), ("Ryhmä", [("a", "A & a"), ("b", "B")]), ("c", "C")], required=False
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": '"q"'}), required=False)
    agree = forms.BooleanField(required=True)
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    upload = forms.FileField(required=False)
    many = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")], required=False)
    radios = forms.ChoiceField(choices=[("1", "Yksi")], widget=forms.RadioSelect, required=False)
    secret = forms.CharField(widget=forms.HiddenInput, max_length=2)

    def clean(self):
        raise forms.ValidationError("Koko lomake <väärin>")


def both(make) -> tuple[str, str]:
    return str(make(DjangoTemplates())), str(make(FastFormRenderer()))


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"name": "x" * 30, "count": "0", "kind": "a", "text": "<rivi>\nrivi", "secret": "liian pitkä"},
        {"name": "Aino", "count": "1 234", "kind": "c", "agree": "on", "secret": "1", "many": ["y"]},
    ],
)
def test_the_same_html_as_djangos_templates(data, language):
    with translation.override(language):
        django_html, fast_html = both(lambda renderer: Sample(data, renderer=renderer, initial={"count": 5}))
        assert fast_html == django_html
        for name in ("name", "kind", "text", "agree"):
            django_field, fast_field = both(lambda r, n=name: Sample(data, renderer=r)[n].as_field_group())
            assert fast_field == django_field


@pytest.mark.django_db
def test_the_applicants_page_is_the_same_with_djangos_templates(client, monkeypatch):
    call = FundingCallFactory()
    contact = applicant(call)
    application = ApplicationFactory(call=call, organisation=contact.organisation, partners=["Yritys Oy"])
    client.force_login(contact.user)
    url = f"/fi/funding/applications/{application.pk}/"
    sections = [
        "project",
        "partners",
        "budget",
        "attachments",
        *(f"s{s.pk}" for s in call.form_sections.all()),
    ]
    invalid = [form_data(application, "budget", **{"budget-0-year": "1999"})]
    invalid.append(form_data(application, "partners", **{"partners-0-business_id": "123"}))

    def plain(response) -> str:
        # The signed base carries the second it was signed in.
        return BASE.sub("", CSRF.sub("", response.content.decode()))

    def pages() -> list[str]:
        shown = [plain(client.get(f"{url}?section={s}")) for s in sections]
        return shown + [plain(client.post(url, data)) for data in invalid]

    fast = pages()
    monkeypatch.setattr(FastFormRenderer, "_fast", lambda self, name, context: None)
    assert pages() == fast
    assert 'class="errorlist"' in fast[-1]
    assert 'class="errorlist"' in fast[-2]
