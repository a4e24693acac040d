"""One money parser for every money field: what people type is read exactly or refused, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import formats, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from core.forms import MoneyField, parse_money
from funding.formatting import format_money

AMOUNTS = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1 234", "1234"),
        ("1\u00a0234,56", "1234.56"),
        ("1\u202f234,56", "1234.56"),
        ("12 345 678,9", "12345678.9"),
        ("1.234,56", "1234.56"),
        ("€1,234.56", "1234.56"),
        ("1,234,567", "1234567"),
        ("0,05", "0.05"),
        ("75 000 €", "75000"),
    ],
)
def test_what_is_read(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,234", "ambiguous"),
        ("1.234", "ambiguous"),
        ("1.234,5.6", "invalid"),
        ("12,34,567", "invalid"),
        ("1 23,50", "invalid"),
        ("0,005", "max_decimal_places"),
        ("12,345", "ambiguous"),
        ("1 234,567", "max_decimal_places"),
        ("12 eur0", "invalid"),
        ("12,", "invalid"),
    ],
)
def test_what_is_refused_with_a_translated_message(text, code):
    with translation.override("fi"), pytest.raises(ValidationError) as refused:
        parse_money(text)
    assert refused.value.code == code
    with translation.override("fi"), pytest.raises(ValidationError) as in_form:
        MoneyField().clean(text)
    assert in_form.value.messages == refused.value.messages
    assert f"”{text}”" in in_form.value.messages[0]


def test_the_messages_are_translated():
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        MoneyField().clean("1,234")
    assert refused.value.messages == [
        "”1,234” är tvetydigt: det kan vara tusental eller decimaler. Skriv tusentalen utan avgränsare "
        "eller med ett mellanslag (12 500) och centen efter ett kommatecken (12 500,50)."
    ]


@settings(max_examples=150, deadline=None)
@given(amount=AMOUNTS, language=st.sampled_from(["fi", "sv", "en"]))
def test_amounts_formatted_in_each_language_are_read_back_exactly(amount, language):
    assert parse_money(format_money(amount, language)) == amount
    with translation.override(language):
        shown = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
        assert parse_money(shown) == amount
        assert MoneyField().clean(MoneyField().prepare_value(amount)) == amount
