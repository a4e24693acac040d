"""Business IDs (Y-tunnus) and logos."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from members.validators import business_id_check_digit, validate_business_id, validate_logo


def remainder_one_digits() -> str:
    """Seven digits whose weighted sum leaves 1: no business ID can begin with them."""
    for n in range(1_000_000, 10_000_000):
        digits = f"{n:07d}"
        if sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11 == 1:
            return digits
    raise AssertionError("none found")


def error_of(value: str, language: str) -> tuple[str, str]:
    with translation.override(language):
        with pytest.raises(ValidationError) as excinfo:
            validate_business_id(value)
        return excinfo.value.code, excinfo.value.messages[0]


@pytest.mark.parametrize("value", ["0737546-2", "1572860-0", "2617416-4", "0112038-9"])
def test_valid_business_ids_pass(value):
    validate_business_id(value)


def test_check_digit_follows_the_weights():
    # 0737546: 0*7+7*9+3*10+7*5+5*8+4*4+6*2 = 196; 196 % 11 = 9; 11 - 9 = 2
    assert business_id_check_digit("0737546") == 2
    assert business_id_check_digit("1572860") == 0
    assert business_id_check_digit(remainder_one_digits()) is None


def test_wrong_check_digit_is_named_in_finnish_and_swedish():
    assert error_of("0737546-3", "fi") == (
        "check_digit",
        "Y-tunnuksen 0737546-3 tarkistusnumero on väärä. Tarkista tunnus.",
    )
    assert error_of("0737546-3", "sv") == (
        "check_digit",
        "Kontrollsiffran i FO-numret 0737546-3 är fel. Kontrollera numret.",
    )


def test_remainder_one_is_named_in_finnish_and_swedish():
    digits = remainder_one_digits()
    for check in range(10):
        value = f"{digits}-{check}"
        assert error_of(value, "fi") == (
            "remainder_one",
            f"{value} ei ole kelvollinen Y-tunnus: "
            "mikään Y-tunnus ei voi alkaa näillä seitsemällä numerolla.",
        )
    value = f"{digits}-0"
    assert error_of(value, "sv") == (
        "remainder_one",
        f"{value} är inte ett giltigt FO-nummer: inget FO-nummer kan börja med dessa sju siffror.",
    )


@pytest.mark.parametrize(
    "value", ["", "0737546", "07375462", "0737546-22", "073754-62", "a737546-2", " 0737546-2", "0737546–2"]
)
def test_bad_format_is_named_in_finnish_and_swedish(value):
    assert error_of(value, "fi") == (
        "format",
        "Anna Y-tunnus muodossa seitsemän numeroa, yhdysmerkki ja tarkistusnumero, esim. 1234567-1.",
    )
    assert error_of(value, "sv") == (
        "format",
        "Ange FO-numret som sju siffror, ett bindestreck och en kontrollsiffra, t.ex. 1234567-1.",
    )


def image_bytes(fmt: str = "PNG", size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 74, 143)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "GIF"])
def test_logo_accepts_images(fmt):
    validate_logo(SimpleUploadedFile("logo.bin", image_bytes(fmt), content_type="application/octet-stream"))


def test_logo_type_comes_from_the_content_not_the_name():
    fake = SimpleUploadedFile(
        "logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/png"
    )
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        validate_logo(fake)
    assert excinfo.value.code == "logo_type"
    bmp = SimpleUploadedFile("logo.png", image_bytes("BMP"), content_type="image/png")
    with pytest.raises(ValidationError) as excinfo:
        validate_logo(bmp)
    assert excinfo.value.code == "logo_type"


def test_logo_larger_than_one_megabyte_is_refused():
    big = SimpleUploadedFile("logo.png", image_bytes() + b"\0" * (1024 * 1024), content_type="image/png")
    with translation.override("en"):
        with pytest.raises(ValidationError) as excinfo:
            validate_logo(big)
        assert (excinfo.value.code, excinfo.value.messages) == (
            "logo_too_large",
            ["The logo is too large: the largest allowed size is 1 MB."],
        )
