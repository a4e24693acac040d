import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.groups import COORDINATORS, DECISION_MAKERS, STEERING_GROUP
from events.models import Registration
from funding.models import Attachment, CallDocument, ConflictOfInterest, ReviewAssignment
from network.enums import ImplementationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import ContactPersonFactory, UserFactory
from tests.funding.factories import (
    ApplicationFactory,
    FundingCallFactory,
    RegionOrganisationFactory,
    applicant,
)
from tests.network.factories import ImplementationFactory, NoticeFactory, WorkingGroupFactory
from tests.security.matrix import fragments


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """The demo data of `make run`, seeded once for the module inside a transaction rolled back after it.

    Seeding takes seconds; each test runs in a savepoint inside this transaction, as usual.
    (seed_demo refuses to run with DEBUG off: on while seeding.)
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_for_module, db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db, settings, tmp_path):
    """The objects behind the authorization matrix: one of each, and a user for each role."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "logos").mkdir(parents=True)
    (tmp_path / "media" / "logos" / "matriisi.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    call = FundingCallFactory()
    organisation = RegionOrganisationFactory()
    member = applicant(call, organisation=organisation)
    second = ContactPersonFactory(organisation=organisation, is_primary=False)
    other = applicant(call, organisation=RegionOrganisationFactory())
    application = ApplicationFactory(call=call, organisation=organisation, created_by=member.user)
    ApplicationFactory(call=call, organisation=other.organisation, created_by=other.user)
    attachment = Attachment.objects.create(
        application=application,
        file=ContentFile(b"%PDF-1.4 test", name="liite.pdf"),
        filename="liite.pdf",
        kind="pdf",
        size=13,
        uploaded_by=member.user,
    )
    document = CallDocument.objects.create(
        call=call, title="Ohje", file=ContentFile(b"%PDF-1.4 doc", name="ohje.pdf")
    )
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    draft = ImplementationFactory(owner=organisation, status=ImplementationStatus.DRAFT, published_at=None)
    published = ImplementationFactory()
    notice = NoticeFactory()
    group = WorkingGroupFactory()
    coordinator = UserFactory(is_staff=True)
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    steering = UserFactory(is_staff=True)
    steering.groups.add(Group.objects.get(name=STEERING_GROUP))
    reviewer = UserFactory(is_staff=True)
    reviewer.groups.add(Group.objects.get(name=STEERING_GROUP))
    conflicted = UserFactory(is_staff=True)
    conflicted.groups.add(Group.objects.get(name=STEERING_GROUP))
    # The reviewer is assigned to the member's application; the conflicted reviewer has declared a conflict.
    ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    ConflictOfInterest.objects.create(application=application, reviewer=conflicted, reason="Jäsen")
    decision_maker = UserFactory(is_staff=True)
    decision_maker.groups.add(Group.objects.get(name=DECISION_MAKERS))
    users = {
        "anonymous": None,
        "member": member.user,
        "other_applicant": other.user,
        "coordinator": coordinator,
        "steering": steering,
        "reviewer": reviewer,
        "conflicted_reviewer": conflicted,
        "decision_maker": decision_maker,
    }
    org = organisation.pk
    paths = {
        "healthz": "/healthz/",
        "readyz": "/readyz/",
        "media": "/media/logos/matriisi.png",
        "core:page": "/fi/pages/privacy/",
        # No campaign has been sent in this world: the archive shows nothing that is not public.
        "newsletter:archive_detail": "/fi/newsletter/archive/999999/",
        "set_language": "/i18n/setlang/",
        "members:my_edit": f"/fi/members/my/{org}/",
        "members:my_contacts": f"/fi/members/my/{org}/contacts/",
        "members:my_contact_remove": f"/fi/members/my/{org}/contacts/{second.pk}/remove/",
        "members:my_resign": f"/fi/members/my/{org}/resign/",
        "members:profile": f"/fi/members/organisations/{org}/",
        "network:implementation_detail": f"/fi/ai-implementations/{draft.pk}/",
        "network:implementation_edit": f"/fi/ai-implementations/{draft.pk}/edit/",
        "network:implementation_submit": f"/fi/ai-implementations/{draft.pk}/submit/",
        "network:notice_detail": f"/fi/bulletin-board/{notice.pk}/",
        "network:working_group_detail": f"/fi/working-groups/{group.slug}/",
        "funding:call_detail": f"/fi/funding/calls/{call.slug}/",
        "funding:document": f"/fi/funding/calls/{call.slug}/documents/{document.pk}/",
        "funding:start": f"/fi/funding/calls/{call.slug}/apply/",
        "funding:application": f"/fi/funding/applications/{application.pk}/",
        "funding:withdraw": f"/fi/funding/applications/{application.pk}/withdraw/",
        "funding:reopen": f"/fi/funding/applications/{application.pk}/reopen/",
        "funding:answer": f"/fi/funding/applications/{application.pk}/answer/",
        "funding:application_pdf": f"/fi/funding/applications/{application.pk}/pdf/",
        "funding:decision_letter": f"/fi/funding/applications/{application.pk}/decision-letter/",
        "funding:attachment": f"/fi/funding/applications/{application.pk}/attachments/{attachment.pk}/",
        "events:detail": f"/fi/events/{event.slug}/",
        "events:register": f"/fi/events/{event.slug}/register/",
        "events:ics": f"/fi/events/{event.slug}/calendar.ics",
        # Private links: the token is the credential; a wrong one opens nothing for anyone.
        "events:registration": "/fi/events/registration/wrong-token/",
        "events:cancel": "/fi/events/registration/wrong-token/cancel/",
        "events:feedback": "/fi/events/registration/wrong-token/feedback/",
        "events:registration_ics": "/fi/events/registration/wrong-token/calendar.ics",
        "newsletter:confirm": "/fi/newsletter/confirm/wrong-signature/",
        "newsletter:manage": "/fi/newsletter/s/wrong-token/",
        "newsletter:manage_unsubscribe": "/fi/newsletter/s/wrong-token/unsubscribe/",
        "newsletter:one_click": "/fi/newsletter/unsubscribe/wrong-token/",
        "members:activate": "/fi/members/activate/1z/wrong-key/",
        "members:invitation": "/fi/members/invitation/wrong-token/",
        "account_confirm_email": "/fi/accounts/confirm-email/wrong-key/",
        "account_reset_password_from_key": "/fi/accounts/password/reset/key/1z-wrong-key/",
    }
    assert Registration.objects.filter(token="wrong-token").count() == 0
    del published, registration
    world = {
        "users": users,
        "paths": paths,
        "call": call,
        "organisation": organisation,
        "member": member,
        "other": other,
        "application": application,
        "event": event,
    }
    # Rows kept by later apps may need objects of their own (tests/security/matrix/<app>.py).
    for module in fragments():
        if hasattr(module, "paths"):
            paths.update(module.paths(world))
    return world
