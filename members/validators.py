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
