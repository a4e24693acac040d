import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from members.enums import MembershipStatus
from members.models import Organisation
from members.validators import validate_business_id


@pytest.mark.django_db
def test_seed_demo_fills_the_database_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Organisation.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Organisation.objects.count(), get_user_model().objects.count()) == counts
    assert Organisation.objects.filter(status=MembershipStatus.MEMBER).count() >= 250
    for business_id in Organisation.objects.exclude(business_id="").values_list("business_id", flat=True):
        validate_business_id(business_id)
    groups = {
        user.email: sorted(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.filter(is_staff=True)
    }
    assert groups == {
        "admin@example.fi": [],
        "koordinaattori@example.fi": ["Coordinators"],
        "ohjausryhma@example.fi": ["Steering group"],
        "arvioija@example.fi": ["Steering group"],
        "paattaja@example.fi": ["Decision makers"],
    }


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_an_existing_database_alone(settings):
    settings.DEBUG = True
    get_user_model().objects.create_user(email="someone@example.fi", password="x-long-password")
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert get_user_model().objects.count() == 1
    assert "demo data not loaded" in out.getvalue()


@pytest.mark.django_db
def test_the_eligible_lead_applicants_exist_with_finnish_and_swedish_names():
    regions = Organisation.objects.filter(type="welfare_region")
    assert regions.count() == 21
    pirkanmaa = regions.get(name_fi="Pirkanmaan hyvinvointialue")
    assert pirkanmaa.name_sv == "Birkaland välfärdsområde"
    assert Organisation.objects.get(name_fi="HUS-yhtymä").name_sv == "HUS-sammanslutningen"
    assert Organisation.objects.get(name_fi="Helsingin kaupunki").name_sv == "Helsingfors stad"


@pytest.mark.django_db
def test_staff_groups_exist_with_permissions():
    from django.contrib.auth.models import Group

    coordinators = Group.objects.get(name="Coordinators")
    steering = Group.objects.get(name="Steering group")
    assert coordinators.permissions.filter(codename="change_organisation").exists()
    assert not coordinators.permissions.filter(codename="delete_auditentry").exists()
    assert steering.permissions.filter(codename="view_organisation").exists()
    assert not steering.permissions.filter(codename="change_organisation").exists()
