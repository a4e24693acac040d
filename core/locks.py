"""One way to lock a row before changing it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock_row(instance: M, *, related: Sequence[str] = ()) -> M:
    """Lock ``instance``'s row (``SELECT … FOR UPDATE``) and return it freshly read from the database.

    Must run inside ``transaction.atomic``: the lock is the caller's transaction's and is held until it
    ends (outside one Django refuses the query). ``related`` are read along (``select_related``); then only
    this row is locked (``of=("self",)``), not the related rows, which PostgreSQL could not lock anyway on
    the nullable side of a join. Raises the model's ``DoesNotExist`` if the row is gone.
    """
    manager = type(instance)._default_manager
    if related:
        queryset = manager.select_for_update(of=("self",)).select_related(*related)
    else:
        queryset = manager.select_for_update()
    return queryset.get(pk=instance.pk)
