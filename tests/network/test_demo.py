import io

import pytest

from network import demo
from network.enums import ImplementationStatus
from network.models import Implementation, Notice, Person, WorkingGroup
from network.selectors import notice_current_list

pytestmark = pytest.mark.django_db


def test_demo_data_is_realistic_and_idempotent():
    from members import demo as members_demo

    members_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    counts = (Person.objects.count(), Implementation.objects.count(), Notice.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Person.objects.count(), Implementation.objects.count(), Notice.objects.count()) == counts
    assert Implementation.objects.filter(status=ImplementationStatus.PUBLISHED).count() >= 35
    assert Implementation.objects.values("region").distinct().count() >= 15
    assert Implementation.objects.values("use_case").distinct().count() == 7
    assert notice_current_list().count() == 7
    assert all(group.members.exists() and group.contact_name for group in WorkingGroup.objects.all())
    assert all(email.endswith("@example.fi") for email in Person.objects.values_list("email", flat=True))
