"""Choices of the privacy app."""

from __future__ import annotations

import enum


class AuditAction(enum.StrEnum):
    """The audit trail's actions written by this app; the values are stored, never change them."""

    ERASURE_COMPLETED = "privacy.erasure.completed"
    RETENTION_COMPLETED = "privacy.retention.completed"
