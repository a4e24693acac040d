"""The last second before the deadline: 50 applications submitted at once all land exactly once."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.models import AuditEntry
from funding import receipts, services
from funding.models import Application, FundingCall
from outbox.models import OutgoingMail
from tests.funding.factories import ApplicationFactory, FundingCallFactory, applicant

APPLICATIONS = 50  # each thread has its own database connection; PostgreSQL's default limit is 100


@pytest.mark.slow
def test_50_simultaneous_submissions_in_the_last_second_land_exactly_once(
    transactional_db, many_connections, smtp, monkeypatch
):
    # The receipt's PDF is tested elsewhere. Here 50 threads share one Python process (in production
    # every request has a worker of its own), and 50 WeasyPrint layouts would starve the threads
    # still waiting for their turn of the interpreter lock; a ready-made PDF keeps the test about
    # the lock and the deadline.
    monkeypatch.setattr(receipts, "render_pdf", lambda **kwargs: b"%PDF-1.7 receipt")
    call = FundingCallFactory(closes_at=timezone.now() + timedelta(minutes=5))
    pairs = []
    for _ in range(APPLICATIONS):
        application = ApplicationFactory(call=call)
        pairs.append((application, applicant(call, organisation=application.organisation)))
    ready = threading.Barrier(APPLICATIONS + 1)
    go = threading.Barrier(APPLICATIONS + 1)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(application, contact) -> None:
        try:
            connection.ensure_connection()  # connect before the last second starts
            ready.wait(timeout=60)
            go.wait(timeout=60)
            # Each application is sent twice at once (a double click): it must land once.
            for _attempt in range(2):
                try:
                    services.application_submit(application=application, actor=contact.user)
                    outcome = "submitted"
                except services.FundingError as exc:
                    outcome = exc.code
                with lock:
                    results.append(outcome)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    ready.wait(timeout=60)
    # The call closes one second from now: every submission happens in its last second.
    closes_at = timezone.now() + timedelta(seconds=1)
    FundingCall.objects.filter(pk=call.pk).update(closes_at=closes_at)
    go.wait(timeout=60)
    for thread in threads:
        thread.join(timeout=180)

    assert errors == []
    assert Counter(results) == {"submitted": APPLICATIONS, "state": APPLICATIONS}
    submitted = Application.objects.filter(call=call)
    assert submitted.filter(status="submitted").count() == APPLICATIONS
    assert all(a.submitted_at < closes_at for a in submitted)
    assert set(submitted.values_list("version", flat=True)) == {2}
    audit = Counter(
        AuditEntry.objects.filter(action="funding.application.submitted").values_list("object_id", flat=True)
    )
    assert audit == {str(a.pk): 1 for a, _contact in pairs}
    queued = Counter(OutgoingMail.objects.filter(template="funding_receipt").values_list("to", flat=True))
    assert queued == {contact.email: 1 for _a, contact in pairs}
    delivered = smtp.wait_for(APPLICATIONS, timeout=60)
    assert sorted(m.rcpt_tos[0] for m in delivered) == sorted(contact.email for _a, contact in pairs)
