"""Importing subscribers from CSV."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext

from core.audit import audit_log_many
from newsletter.enums import ENDED_STATUSES, AuditAction, ConsentMethod, SubscribeForm, SubscriberStatus
from newsletter.models import Subscriber
from newsletter.services.common import LANGUAGE_CODES, NewsletterError, _subscriber_move

IMPORT_MAX_BYTES = 5 * 1024 * 1024


# --- Import -----------------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    line: int
    email: str
    language: str
    consent_at: datetime | None
    action: str  # "create", "update", "unchanged", "error"
    message: str = ""

    @property
    def action_label(self) -> str:
        labels = {
            "create": gettext("New"),
            "update": gettext("Changed"),
            "unchanged": gettext("Unchanged"),
            "error": gettext("Skipped"),
        }
        return labels.get(self.action, self.action)


@dataclass
class ImportResult:
    rows: list[ImportRow]
    dry_run: bool

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def errors(self) -> list[ImportRow]:
        return [r for r in self.rows if r.action == "error"]


def _parse_consent(value: str) -> datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        day = parse_date(value)
        if day is None:
            match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
            if match:
                try:
                    day = datetime(int(match[3]), int(match[2]), int(match[1])).date()
                except ValueError:
                    return None
        if day is None:
            return None
        parsed = datetime(day.year, day.month, day.day, 12, 0)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def subscribers_import(*, content: bytes, dry_run: bool, actor, now: datetime | None = None) -> ImportResult:
    """Import a CSV (email, language, consent date; a header row is optional). Imported addresses
    are subscribed with their earlier consent; no confirmation or welcome mail is sent. Addresses
    that unsubscribed, bounced or complained are not subscribed again. With ``dry_run`` nothing
    is saved and the result shows what would change."""
    now = now or timezone.now()
    if len(content) > IMPORT_MAX_BYTES:
        raise NewsletterError(gettext("The file is too large (at most 5 MB)."), code="size")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NewsletterError(gettext("The file must be UTF-8 encoded CSV."), code="encoding") from None
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows: list[ImportRow] = []
    seen: set[str] = set()
    parsed: list[tuple[int, str, str, datetime | None]] = []
    for line, record in enumerate(reader, start=1):
        if not record or not any(cell.strip() for cell in record):
            continue
        email = record[0].strip()
        if line == 1 and "@" not in email:
            continue  # header row
        language = (record[1].strip().lower() if len(record) > 1 else "") or settings.LANGUAGE_CODE
        consent_raw = record[2].strip() if len(record) > 2 else ""
        consent_at = _parse_consent(consent_raw)
        try:
            validate_email(email)
        except ValidationError:
            rows.append(
                ImportRow(line, email[:254], language, None, "error", gettext("Not a valid email address."))
            )
            continue
        if language not in LANGUAGE_CODES:
            rows.append(
                ImportRow(
                    line, email, language, None, "error", gettext("Unknown language (use fi, sv or en).")
                )
            )
            continue
        if consent_raw and consent_at is None:
            rows.append(
                ImportRow(line, email, language, None, "error", gettext("The consent date is not a date."))
            )
            continue
        if email.lower() in seen:
            rows.append(
                ImportRow(
                    line,
                    email,
                    language,
                    consent_at,
                    "error",
                    gettext("The address appears twice in the file."),
                )
            )
            continue
        seen.add(email.lower())
        parsed.append((line, email, language, consent_at))
    if len(parsed) + len(rows) > 100_000:
        raise NewsletterError(gettext("The file has too many rows (at most 100,000)."), code="size")
    with transaction.atomic():
        existing = {
            s.email.lower(): s
            for s in Subscriber.objects.select_for_update()
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=[p[1].lower() for p in parsed])
        }
        to_create, to_update = [], []
        for line, email, language, consent_at in parsed:
            current = existing.get(email.lower())
            if current is None:
                rows.append(ImportRow(line, email, language, consent_at, "create"))
                to_create.append(
                    Subscriber(
                        email=email, language=language, status=SubscriberStatus.CONFIRMED,
                        created_at=now, confirmed_at=consent_at or now, consent_at=consent_at or now,
                        consent_form=SubscribeForm.IMPORT, consent_language=language,
                        consent_method=ConsentMethod.IMPORT,
                    )
                )  # fmt: skip
            elif current.status in ENDED_STATUSES:
                message = gettext("This address has left the list; it is not added again.")
                rows.append(ImportRow(line, email, language, consent_at, "error", message))
            elif current.status == SubscriberStatus.PENDING:
                rows.append(
                    ImportRow(
                        line,
                        email,
                        language,
                        consent_at,
                        "update",
                        gettext("Subscribed (was awaiting confirmation)."),
                    )
                )
                _subscriber_move(current, SubscriberStatus.CONFIRMED)
                current.confirmed_at = consent_at or now
                current.language = language
                current.consent_at = consent_at or now
                current.consent_method = ConsentMethod.IMPORT
                current.consent_form = SubscribeForm.IMPORT
                to_update.append(current)
            elif current.language != language:
                message = gettext("Language %(old)s → %(new)s.") % {"old": current.language, "new": language}
                rows.append(ImportRow(line, email, language, consent_at, "update", message))
                current.language = language
                to_update.append(current)
            else:
                rows.append(ImportRow(line, email, language, consent_at, "unchanged"))
        rows.sort(key=lambda r: r.line)
        result = ImportResult(rows=rows, dry_run=dry_run)
        if dry_run:
            return result
        Subscriber.objects.bulk_create(to_create, batch_size=1000)
        Subscriber.objects.bulk_update(
            to_update,
            ["status", "confirmed_at", "language", "consent_at", "consent_method", "consent_form"],
            batch_size=1000,
        )
        # One entry for the whole import (no single subscriber's id): the subscribers' table as a whole.
        audit_log_many(
            action=AuditAction.SUBSCRIBERS_IMPORTED,
            actor=actor,
            model=Subscriber,
            new={"": {"created": result.created, "updated": result.updated, "errors": len(result.errors)}},
        )
    return result
