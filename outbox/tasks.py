"""Celery tasks of the outbox: thin wrappers that take ids. All are idempotent."""

from __future__ import annotations

import gc

from celery import shared_task
from celery.signals import worker_init

from outbox import delivery, services


@shared_task(name="outbox.deliver", acks_late=True, soft_time_limit=120, time_limit=150, ignore_result=True)
def mail_deliver(mail_id: int) -> dict[str, int]:
    return delivery.deliver([mail_id])


@shared_task(
    name="outbox.deliver_batch", acks_late=True, soft_time_limit=540, time_limit=600, ignore_result=True
)
def mail_deliver_batch(mail_ids: list[int]) -> dict[str, int]:
    """Deliver a batch over one SMTP connection (bulk sends, periodic re-queueing)."""
    return delivery.deliver(mail_ids)


@shared_task(
    name="outbox.requeue_stale", acks_late=True, soft_time_limit=120, time_limit=150, ignore_result=True
)
def mail_requeue_stale() -> dict[str, int]:
    return services.mail_requeue_stale()


@worker_init.connect
def _freeze_startup_objects(**_kwargs) -> None:
    """In the worker's main process, before the pool forks: everything imported so far (Django, the
    apps, Celery) moves out of the garbage collector's reach. The children share those pages with
    their parent until something writes to them, and a collection writes to every object it visits;
    frozen, they stay shared, which is most of a prefork pool's memory (see benchmarks/README.md)."""
    gc.collect()
    gc.freeze()
