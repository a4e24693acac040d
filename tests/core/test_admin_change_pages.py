"""Every object a coordinator can open in the admin opens: one of each registered model, on the demo data."""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_change_page_of_every_registered_model_opens(admin_client, settings):
    # seed_demo refuses to run with DEBUG off, so that demo passwords never reach production.
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    opened, broken = [], {}
    for model in admin.site._registry:
        opts = model._meta
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            continue
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
        except NoReverseMatch:
            continue
        # A change page may hand over to a page of its own (a report opens on its review page).
        status = admin_client.get(url, follow=True).status_code
        if status == 200:
            opened.append(opts.label)
        else:
            broken[opts.label] = status
    assert broken == {}
    assert len(opened) > 25
