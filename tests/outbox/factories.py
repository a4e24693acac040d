import factory
from django.utils import timezone

from outbox.enums import MailKind, MailState
from outbox.models import OutgoingMail
from outbox.services import new_message_id


class OutgoingMailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutgoingMail

    state = MailState.QUEUED
    kind = MailKind.TRANSACTIONAL
    to = factory.Sequence(lambda n: f"recipient{n}@example.fi")
    sender = "SOTE-tekoälyn ekosysteemi <noreply@localhost>"
    language = "fi"
    template = "notice"
    subject = factory.Sequence(lambda n: f"Viesti {n}")
    body_text = "Hei,\n\nTervetuloa.\n"
    body_html = "<p>Hei,</p><p>Tervetuloa.</p>"
    message_id = factory.LazyFunction(new_message_id)
    next_attempt_at = factory.LazyFunction(timezone.now)
