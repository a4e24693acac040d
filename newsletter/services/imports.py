"""Importing subscribers from an earlier system's list (CSV or XLSX): a dry run first, each row reported,
an address appearing twice merged into one, the earlier consent carried over with its date and source,
nothing mailed, one audit entry, and a second run of the same file changes nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext

from core import tabular
from core.audit import audit_log_many
from newsletter.enums import ENDED_STATUSES, AuditAction, ConsentMethod, SubscribeForm, SubscriberStatus
from newsletter.models import Subscriber
from newsletter.services.common import LANGUAGE_CODES, NewsletterError, _subscriber_move

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_EVIDENCE_FIELDS = (
    "consent_at", "consent_form", "consent_language", "consent_method", "consent_source", "consent_text",
    "consent_text_version", "consent_client", "consent_user_agent",
)  # fmt: skip


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
            "merged": gettext("Merged"),
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
    def merged(self) -> int:
        return self.count("merged")

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


def _records(content: bytes) -> list[list[str]]:
    try:
        return tabular.read_rows(content)
    except tabular.UnreadableTable as exc:
        if exc.code == "encoding":
            raise NewsletterError(
                gettext("The file must be UTF-8 encoded CSV or XLSX."), code="encoding"
            ) from None
        raise NewsletterError(gettext("The file is not a readable XLSX workbook."), code="format") from None


def imported_consent_text(*, source: str, consent_at: datetime, language: str) -> str:
    """How an imported consent is recorded, in the subscriber's language."""
    with translation.override(language):
        return gettext("Consent given in the previous system (%(source)s) on %(date)s.") % {
            "source": source,
            "date": date_format(timezone.localtime(consent_at).date(), "DATE_FORMAT"),
        }


def subscribers_import(
    *, content: bytes, dry_run: bool, actor, source: str = "", now: datetime | None = None
) -> ImportResult:
    """Import a CSV or XLSX list (email, language, consent date; a header row is optional). Imported
    addresses are subscribed with their earlier consent, recorded as given in ``source`` (the
    previous system) on the row's date; a row without a consent date is skipped, since no consent
    can be carried over. No confirmation or welcome mail is sent. An address twice in the file is
    merged (the earliest consent). Addresses that unsubscribed, bounced or complained are not
    subscribed again. With ``dry_run`` nothing is saved and the result shows what would change."""
    now = now or timezone.now()
    source = " ".join((source or "").split())[:200]
    if not source:
        raise NewsletterError(gettext("Name the system the list comes from."), code="source")
    if len(content) > IMPORT_MAX_BYTES:
        raise NewsletterError(gettext("The file is too large (at most 5 MB)."), code="size")
    reader = _records(content)
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    parsed: list[list] = []
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
        if consent_at is None:
            message = gettext("No consent date: a consent cannot be carried over without one.")
            rows.append(ImportRow(line, email, language, None, "error", message))
            continue
        if email.lower() in seen:
            first = parsed[seen[email.lower()]]
            first[3] = min(first[3], consent_at)  # the earliest consent is the one given
            message = gettext("Merged with row %(line)d.") % {"line": first[0]}
            rows.append(ImportRow(line, email, language, consent_at, "merged", message))
            continue
        seen[email.lower()] = len(parsed)
        parsed.append([line, email, language, consent_at])
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
            text = imported_consent_text(source=source, consent_at=consent_at, language=language)
            evidence = {
                "consent_at": consent_at, "consent_form": SubscribeForm.IMPORT, "consent_language": language,
                "consent_method": ConsentMethod.IMPORT, "consent_source": source,
                "consent_text": text,
                "consent_text_version": "import", "consent_client": "", "consent_user_agent": "",
            }  # fmt: skip
            if current is None:
                rows.append(ImportRow(line, email, language, consent_at, "create"))
                to_create.append(
                    Subscriber(
                        email=email, language=language, status=SubscriberStatus.CONFIRMED, created_at=now,
                        confirmed_at=consent_at, **evidence,
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
                current.confirmed_at = consent_at
                current.language = language
                for name, value in evidence.items():
                    setattr(current, name, value)
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
            ["status", "confirmed_at", "language", *IMPORT_EVIDENCE_FIELDS],
            batch_size=1000,
        )
        # One entry for the whole import (no single subscriber's id): the subscribers' table as a whole.
        audit_log_many(
            action=AuditAction.SUBSCRIBERS_IMPORTED,
            actor=actor,
            model=Subscriber,
            new={
                "": {
                    "created": result.created,
                    "updated": result.updated,
                    "merged": result.merged,
                    "unchanged": result.unchanged,
                    "errors": len(result.errors),
                    "source": source,
                }
            },  # fmt: skip
        )
    return result
