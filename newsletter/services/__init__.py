"""Writes of the newsletter: subscription (double opt-in), self-service, campaigns and their sending,
bounces and complaints, import. One module per concern; every public name is importable from here.
Each service runs in one transaction and writes the audit trail; mail goes through the outbox and
leaves after the transaction commits.

Sending a campaign, and why a crash loses nobody and sends nothing twice:

* ``campaign_enqueue_next`` locks the campaign row, takes the next ``NEWSLETTER_ENQUEUE_CHUNK``
  confirmed subscribers with an id above the campaign's ``cursor`` (keyset pagination), creates
  their delivery records (unique per campaign and subscriber) and their outbox messages, and
  moves the cursor, all in one transaction. A crash before the commit leaves nothing behind; a
  crash after it leaves a consistent cursor. Whoever takes the campaign up again (the periodic
  ``newsletter.dispatch`` when the queueing stalls, or a redelivered task) continues from the
  cursor; two at once are serialised by the row lock.
* The messages themselves are delivered by the outbox, which claims each one before sending and
  marks it sent right after the SMTP server accepts it; its periodic task takes back messages of
  a dead worker. The only duplicates are messages in flight at the moment of a crash.
* ``campaign_refresh`` copies the outbox's outcome into the delivery records, pauses the campaign
  past its failure threshold and marks it sent when nothing is left.
"""

from newsletter.selectors import Progress
from newsletter.services.campaigns import (
    campaign_cancel,
    campaign_pause,
    campaign_resume,
    campaign_retry_failed,
    campaign_save,
    campaign_send,
    campaign_test_send,
)
from newsletter.services.common import (
    CONFIRM_SALT,
    LANGUAGE_CODES,
    MANAGE_MARK,
    UNSUBSCRIBE_MARK,
    NewsletterError,
    confirmation_token,
    confirmation_url,
    consent_client_hash,
    consent_text_version,
    list_unsubscribe_headers,
    manage_url,
    one_click_url,
    unsubscribe_mailto,
)
from newsletter.services.content import (
    PreparedVersion,
    campaign_context,
    campaign_prepare,
    markdown_to_text,
    welcome_message_save,
)
from newsletter.services.deliveries import campaign_enqueue_next, campaign_refresh, campaigns_dispatch
from newsletter.services.imports import IMPORT_MAX_BYTES, ImportResult, ImportRow, subscribers_import
from newsletter.services.subscribers import (
    BOUNCE_EVENTS,
    REJECT_BOUNCE_REASONS,
    subscriber_change_language,
    subscriber_from_confirmation,
    subscriber_mark_undeliverable,
    subscriber_set_test_list,
    subscriber_smtp_refused,
    subscriber_unsubscribe,
    subscribers_cleanup_unconfirmed,
    subscription_address_allowed,
    subscription_client_allowed,
    subscription_confirm,
    subscription_request,
    tracking_event_record,
)

__all__ = [
    "BOUNCE_EVENTS",
    "CONFIRM_SALT",
    "IMPORT_MAX_BYTES",
    "LANGUAGE_CODES",
    "MANAGE_MARK",
    "REJECT_BOUNCE_REASONS",
    "UNSUBSCRIBE_MARK",
    "ImportResult",
    "ImportRow",
    "NewsletterError",
    "PreparedVersion",
    "Progress",
    "campaign_cancel",
    "campaign_context",
    "campaign_enqueue_next",
    "campaign_pause",
    "campaign_prepare",
    "campaign_refresh",
    "campaign_resume",
    "campaign_retry_failed",
    "campaign_save",
    "campaign_send",
    "campaign_test_send",
    "campaigns_dispatch",
    "confirmation_token",
    "confirmation_url",
    "consent_client_hash",
    "consent_text_version",
    "list_unsubscribe_headers",
    "manage_url",
    "markdown_to_text",
    "one_click_url",
    "subscriber_change_language",
    "subscriber_from_confirmation",
    "subscriber_mark_undeliverable",
    "subscriber_set_test_list",
    "subscriber_smtp_refused",
    "subscriber_unsubscribe",
    "subscribers_cleanup_unconfirmed",
    "subscribers_import",
    "subscription_address_allowed",
    "subscription_client_allowed",
    "subscription_confirm",
    "subscription_request",
    "tracking_event_record",
    "unsubscribe_mailto",
    "welcome_message_save",
]
