"""The delivery bookkeeping of a worker: claims, their lease, and the per-message commits.

A worker claims a whole batch in one statement (``claim_token`` and ``claimed_at`` set, state still
queued: nothing is handed to SMTP yet). Each message then moves to ``inflight`` in the same commit
that marks the message before it ``sent``, straight after the SMTP server's ``250``: one commit per
message, and at any moment at most one message per worker process in the state whose outcome is
unknown. The worker's heartbeat renews ``claimed_at`` of everything it holds; a claim not renewed
for ``OUTBOX_INFLIGHT_TIMEOUT`` seconds belongs to a dead worker and is taken back.

That per-message commit is asynchronous (``synchronous_commit = off`` for it alone): a worker that dies
loses nothing (PostgreSQL has the commit), but a crash of the database server itself may lose the marks
of its last fraction of a second (``3 x wal_writer_delay``). A lost mark can only move a message back to
an earlier state (``sent`` -> ``inflight``, ``inflight`` -> claimed): it is then sent again after the
lease, a duplicate and never a loss. The claims, failures, retries and everything the callers queue
stay synchronous, and any later synchronous commit (the next claim, the heartbeat) makes the earlier
marks durable too, since the WAL is written in order.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from outbox.enums import PENDING_STATES, MailState
from outbox.models import OutgoingMail

TABLE = OutgoingMail._meta.db_table
logger = logging.getLogger(__name__)
HELD_STATES = (*PENDING_STATES, MailState.INFLIGHT)


def mail_claim_batch(*, mail_ids: Sequence[int], token: uuid.UUID, now=None) -> list[OutgoingMail]:
    """Claim the due, unclaimed (or abandoned) messages among ``mail_ids`` in one statement, in
    the order given. Rows another worker is claiming at this very moment are skipped, not waited for;
    PostgreSQL re-checks the conditions after a concurrent update, so of two workers only one wins."""
    now = now or timezone.now()
    expired = now - timedelta(seconds=settings.OUTBOX_INFLIGHT_TIMEOUT)
    sql = f"""
        UPDATE {TABLE} SET claim_token = %s, claimed_at = %s
        WHERE id IN (
            SELECT id FROM {TABLE}
            WHERE id = ANY(%s) AND state IN (%s, %s) AND next_attempt_at <= %s
              AND (claim_token IS NULL OR claimed_at IS NULL OR claimed_at <= %s)
            FOR UPDATE SKIP LOCKED
        )
        RETURNING *
    """  # noqa: S608
    params = [token, now, list(mail_ids), *PENDING_STATES, now, expired]
    rows = {mail.pk: mail for mail in OutgoingMail.objects.raw(sql, params)}
    return [rows[pk] for pk in dict.fromkeys(mail_ids) if pk in rows]


def mail_begin(*, token: uuid.UUID, start: OutgoingMail | None, sent: OutgoingMail | None) -> bool:
    """One commit: mark ``sent`` as sent (the server accepted it) and move ``start`` to inflight.

    Returns whether ``start`` may be sent: it is still due and claimed by ``token`` (not aborted,
    not taken back meanwhile). ``start`` gets its new ``attempts``; either may be None."""
    if start is None and sent is None:
        return False
    now = timezone.now()
    start_id = start.pk if start is not None else None
    sent_id = sent.pk if sent is not None else None
    # The commit is asynchronous (synchronous_commit off for this one transaction, set inside the
    # statement so that it stays one round trip): PostgreSQL has the change in memory, visible to every
    # session and kept whatever happens to the worker, but does not wait for the WAL to reach the disk
    # (one fsync per message was most of a message's time). Only a crash of PostgreSQL itself can lose
    # the last marks (at most 3 x wal_writer_delay, 0.6 s by default): those messages go back to their
    # claimed state and are sent again after the lease; never lost. See the module docstring.
    sql = f"""
        WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
        UPDATE {TABLE} SET
            state = CASE WHEN id = %(start)s THEN %(inflight)s ELSE %(sent_state)s END,
            attempts = CASE WHEN id = %(start)s THEN attempts + 1 ELSE attempts END,
            claimed_at = CASE WHEN id = %(start)s THEN %(now)s ELSE claimed_at END,
            sent_at = CASE WHEN id = %(start)s THEN sent_at ELSE %(now)s END,
            last_error = CASE WHEN id = %(start)s THEN last_error ELSE '' END,
            claim_token = CASE WHEN id = %(start)s THEN claim_token ELSE NULL END,
            updated_at = %(now)s
        WHERE claim_token = %(token)s AND (
            (id = %(start)s AND state IN (%(queued)s, %(retry)s))
            OR (id = %(sent)s AND state = %(inflight)s)
        ) AND EXISTS (SELECT FROM async_commit)
        RETURNING id, attempts
    """  # noqa: S608
    if connection.in_atomic_block:
        # Inside a caller's transaction (eager tasks in tests) the setting would hold for the caller's
        # whole commit: leave that commit as it is.
        unchanged = "current_setting('synchronous_commit')"
        sql = sql.replace("'synchronous_commit', 'off'", f"'synchronous_commit', {unchanged}")
    params = {
        "start": start_id,
        "sent": sent_id,
        "token": token,
        "now": now,
        "inflight": MailState.INFLIGHT,
        "sent_state": MailState.SENT,
        "queued": MailState.QUEUED,
        "retry": MailState.AWAITING_RETRY,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = dict(cursor.fetchall())
    if sent_id is not None and sent_id not in rows:
        logger.warning("Mail %s was sent but its claim had been taken back meanwhile.", sent_id)
    if start_id is None or start_id not in rows:
        return False
    start.state = MailState.INFLIGHT
    start.attempts = rows[start_id]
    start.claimed_at = now
    return True


def mail_claims_renew(*, tokens: Iterable[uuid.UUID]) -> int:
    """The heartbeat: a live worker's claims stay its own.

    Rows the worker's own delivery thread is updating at this moment are skipped, not waited for:
    that update renews (or finishes) them itself. Waiting deadlocked: the heartbeat's connection and
    ``mail_begin``'s each held one of two rows and waited for the other, and the batch's task died."""
    tokens = list(tokens)
    if not tokens:
        return 0
    held = OutgoingMail.objects.filter(claim_token__in=tokens, state__in=HELD_STATES)
    with transaction.atomic():
        locked = held.select_for_update(skip_locked=True).values("pk")
        return OutgoingMail.objects.filter(pk__in=locked).update(claimed_at=timezone.now())


def mail_claims_release(*, token: uuid.UUID) -> int:
    """Give back the claimed messages a worker did not get to (time limit, error): due at once."""
    return OutgoingMail.objects.filter(claim_token=token, state__in=PENDING_STATES).update(
        claim_token=None, claimed_at=None
    )
