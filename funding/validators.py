"""Checks of the applicants' attachments: the type is read from the content, never from the name."""

from __future__ import annotations

import re
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENTS_PER_APPLICATION = 10
#: kind → (extension, MIME type)
ATTACHMENT_KINDS = {
    "pdf": ("pdf", "application/pdf"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
#: An Office file larger than this when unpacked is refused (a "zip bomb" guard).
OFFICE_MAX_UNPACKED = 200 * 1024 * 1024


def attachment_kind(file) -> str | None:
    """ "pdf", "docx" or "xlsx" from the file's first bytes and, for Office files, its ZIP contents."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if not head.startswith(b"PK\x03\x04"):
            return None
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                infos = archive.infolist()
                names = {info.filename for info in infos}
                if sum(info.file_size for info in infos) > OFFICE_MAX_UNPACKED:
                    return None
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    finally:
        if position is not None:
            file.seek(position)


def validate_attachment(file) -> str:
    """The attachment's kind; raises ValidationError for a file too large or of another type."""
    size = getattr(file, "size", None)
    if size is not None and size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file %(name)s is too large: the largest allowed size is %(limit)s MB."),
            code="attachment_too_large",
            params={
                "name": sanitise_filename(getattr(file, "name", "")),
                "limit": ATTACHMENT_MAX_BYTES // 2**20,
            },
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="attachment_empty")
    kind = attachment_kind(file)
    if kind is None:
        raise ValidationError(
            _("The file %(name)s is not a PDF, Word (DOCX) or Excel (XLSX) document."),
            code="attachment_type",
            params={"name": sanitise_filename(getattr(file, "name", ""))},
        )
    return kind


_UNSAFE = re.compile(r"[^\w.\-() ]+", re.UNICODE)


def sanitise_filename(name: str, kind: str | None = None, *, max_length: int = 100) -> str:
    """A harmless file name: no path, no control or special characters, the extension of the real type."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name).strip(" ._")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = re.sub(r"_+", "_", stem).strip(" ._") or "attachment"
    if kind is not None:
        extension = ATTACHMENT_KINDS[kind][0]
    extension = extension.lower()[:10]
    stem = stem[: max_length - len(extension) - 1]
    return f"{stem}.{extension}" if extension else stem
