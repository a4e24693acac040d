import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BUSINESS_ID_RE = re.compile(r"^(\d{7})-(\d)$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of a Finnish business ID's seven digits, or None when no digit is valid."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def validate_business_id(value: str) -> None:
    match = BUSINESS_ID_RE.match(value or "")
    if not match:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="format",
        )
    digits, check = match.groups()
    expected = business_id_check_digit(digits)
    if expected is None:
        raise ValidationError(
            _("%(value)s is not a valid business ID: no business ID can begin with these seven digits."),
            code="remainder_one",
            params={"value": value},
        )
    if int(check) != expected:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong. Please check the number."),
            code="check_digit",
            params={"value": value},
        )


LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000
#: Pillow's format name → the file extension the logo is stored with. No SVG: it can carry scripts.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp", "GIF": "gif"}


def logo_format(file) -> str | None:
    """The Pillow format of an uploaded image, read from its content (not its name), or None."""
    from PIL import Image

    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with Image.open(file) as image:
            fmt = image.format
            width, height = image.size
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for files that are not images
        return None
    finally:
        if position is not None:
            file.seek(position)
    if width * height > LOGO_MAX_PIXELS:
        return None
    return fmt if fmt in LOGO_FORMATS else None


def validate_logo(file) -> None:
    if file is None:
        return
    size = getattr(file, "size", None)
    if size is not None and size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is too large: the largest allowed size is %(limit)s MB."),
            code="logo_too_large",
            params={"limit": LOGO_MAX_BYTES // (1024 * 1024)},
        )
    # A file already stored (an unchanged logo) has been checked when it was uploaded.
    if getattr(file, "_committed", False) is True and not hasattr(file, "content_type"):
        return
    if logo_format(file) is None:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, WebP or GIF image."),
            code="logo_type",
        )
