"""The outbox in the Django admin: list, preview, retry and abort."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEntry
from outbox.enums import MailState
from outbox.models import OutgoingMail
from tests.outbox.factories import OutgoingMailFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/en/admin/outbox/outgoingmail/"


def changelist_queries(admin_client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    return len(queries)


def test_changelist_query_count_does_not_grow_with_the_messages(admin_client, admin_user):
    OutgoingMailFactory.create_batch(5, actor=admin_user, last_error="451 4.3.0 Try again later")
    with_five = changelist_queries(admin_client)
    OutgoingMailFactory.create_batch(45, actor=admin_user, state=MailState.SENT)
    with_fifty = changelist_queries(admin_client)
    assert with_fifty == with_five


def test_changelist_shows_state_recipient_attempts_and_error(admin_client):
    OutgoingMailFactory(
        to="eiole@example.fi", state=MailState.FAILED, attempts=1, last_error="550 5.1.1 No such user"
    )
    content = admin_client.get(CHANGELIST + "?q=eiole").content.decode()
    assert "eiole@example.fi" in content
    assert "550 5.1.1 No such user" in content
    assert "Failed" in content


def test_preview_shows_html_only_in_a_sandboxed_frame(admin_client):
    mail = OutgoingMailFactory(
        body_text="Hei <b>teksti</b>",
        body_html='<p>Hei</p><script>alert("x")</script><img src="https://tracker.example/p.gif">',
    )
    content = admin_client.get(f"/en/admin/outbox/outgoingmail/{mail.pk}/change/").content.decode()
    assert "Hei &lt;b&gt;teksti&lt;/b&gt;" in content
    assert '<iframe sandbox=""' in content
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert "default-src &#x27;none&#x27;" in content


def test_retry_and_abort_actions_call_the_services(
    admin_client, admin_user, django_capture_on_commit_callbacks
):
    failed = OutgoingMailFactory(state=MailState.FAILED, attempts=1, last_error="550 5.1.1 No such user")
    queued = OutgoingMailFactory()
    sent = OutgoingMailFactory(state=MailState.SENT)
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            CHANGELIST, {"action": "retry_selected", "_selected_action": [failed.pk]}, follow=True
        )
    assert response.status_code == 200
    assert len(callbacks) == 1
    assert "1 message queued again." in response.content.decode()
    response = admin_client.post(
        CHANGELIST, {"action": "abort_selected", "_selected_action": [queued.pk, sent.pk]}, follow=True
    )
    content = response.content.decode()
    assert "1 message aborted." in content
    assert "A message that is sent cannot be aborted." in content
    assert dict(OutgoingMail.objects.values_list("pk", "state")) == {
        failed.pk: "queued",
        queued.pk: "aborted",
        sent.pk: "sent",
    }
    assert list(AuditEntry.objects.order_by("id").values_list("action", "actor_id")) == [
        ("outbox.mail.retried", admin_user.pk),
        ("outbox.mail.aborted", admin_user.pk),
    ]


def test_coordinators_cannot_add_or_delete_messages(admin_client):
    mail = OutgoingMailFactory()
    assert admin_client.get(CHANGELIST + "add/").status_code == 403
    assert admin_client.get(f"{CHANGELIST}{mail.pk}/delete/").status_code == 403


def test_coordinators_may_view_retry_and_abort_but_not_add_or_delete_mail():
    from django.contrib.auth.models import Group

    codenames = set(
        Group.objects.get(name="Coordinators")
        .permissions.filter(content_type__app_label="outbox")
        .values_list("codename", flat=True)
    )
    assert codenames == {
        "view_outgoingmail",
        "change_outgoingmail",
        "view_outgoingmailattachment",
        "change_outgoingmailattachment",
    }


def test_stuck_and_failing_mail_is_announced_above_the_list_and_filtered(admin_client, settings):
    from datetime import timedelta

    from django.utils import timezone

    from outbox.selectors import MailAttention, mail_attention

    settings.OUTBOX_ALERT_STUCK_AFTER = 900
    long_ago = timezone.now() - timedelta(hours=2)
    assert mail_attention() == MailAttention(stuck=0, failed=0, awaiting_retry=0, oldest_stuck_since=None)
    assert "Mail needs attention" not in admin_client.get(CHANGELIST).content.decode()

    stuck = OutgoingMailFactory(to="jumissa@example.fi", next_attempt_at=long_ago)
    OutgoingMailFactory(to="tuore@example.fi")  # just queued: not stuck
    failed = OutgoingMailFactory(
        to="eiole@example.fi", state=MailState.FAILED, last_error="550 5.1.1 No such user"
    )
    OutgoingMailFactory(state=MailState.SENT, next_attempt_at=long_ago)
    assert mail_attention() == MailAttention(stuck=1, failed=1, awaiting_retry=0, oldest_stuck_since=long_ago)

    page = admin_client.get(CHANGELIST).content.decode()
    assert "Mail needs attention" in page
    assert "1 message has waited more than 15 minutes past its time" in page
    assert "1 message failed recently" in page
    only_stuck = admin_client.get(CHANGELIST + "?attention=stuck").content.decode()
    assert stuck.to in only_stuck and failed.to not in only_stuck and "tuore@example.fi" not in only_stuck
    only_failed = admin_client.get(CHANGELIST + "?attention=failed").content.decode()
    assert failed.to in only_failed and stuck.to not in only_failed
