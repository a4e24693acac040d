"""Simultaneous registrations: the event's row lock keeps the capacity exact and the waiting list in order."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.events.factories import EventFactory

CAPACITY = 250
PEOPLE = 400
THREADS = 40  # each with its own database connection; PostgreSQL's default limit is 100


@pytest.mark.slow
def test_400_simultaneous_registrations_for_250_places(transactional_db, many_connections, smtp):
    event = EventFactory(capacity=CAPACITY)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    statuses: list[str] = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            for n in range(index, PEOPLE, THREADS):
                registration = services.registration_create(
                    event=event,
                    name=f"Osallistuja {n}",
                    email=f"osallistuja{n}@example.fi",
                    organisation="Hyvinvointialue",
                    language="fi",
                    consent=True,
                )
                with lock:
                    statuses.append(registration.status)
        except BaseException as exc:  # noqa: BLE001 - reported below
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started

    assert errors == []
    assert (statuses.count("registered"), statuses.count("waiting")) == (CAPACITY, PEOPLE - CAPACITY)
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status="registered").count() == CAPACITY
    assert rows.filter(status="waiting").count() == PEOPLE - CAPACITY
    emails = list(rows.values_list("email", flat=True))
    assert len(emails) == len(set(emails)) == PEOPLE
    # Everyone registered arrived before everyone waiting: the waiting list keeps the order of arrival.
    ordered = list(rows.order_by("created_at", "id").values_list("status", flat=True))
    assert ordered == ["registered"] * CAPACITY + ["waiting"] * (PEOPLE - CAPACITY)
    mails = smtp.wait_for(PEOPLE, timeout=60)
    assert len(mails) == PEOPLE
    assert elapsed < 60
