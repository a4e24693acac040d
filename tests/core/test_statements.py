"""The accessibility statement follows the EU model statement (Implementing Decision (EU) 2018/1523)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "status", "supervisor", "contact_page", "prepared", "reviewed", "reply"),
    [
        ("fi", "täyttää <strong>osittain</strong>", "Lupa- ja valvontavirasto",
         "saavutettavuusvaatimukset.fi",
         "laadittu 23.11.2026", "tarkistettu viimeksi 2.12.2026", "14 päivän kuluessa"),
        ("sv", "uppfyller <strong>delvis</strong>", "Tillstånds- och tillsynsverket",
         "tillganglighetskrav.fi",
         "utarbetats 23.11.2026", "granskades senast 2.12.2026", "inom 14 dagar"),
        ("en", "is <strong>partially compliant</strong>", "Finnish Supervisory Agency", "webaccessibility.fi",
         "prepared on 23 November 2026", "last reviewed on 2 December 2026", "within 14 days"),
    ],
)  # fmt: skip
def test_the_accessibility_statement_follows_the_eu_model(
    client, lang, status, supervisor, contact_page, prepared, reviewed, reply
):
    html = client.get(f"/{lang}/pages/accessibility/").content.decode()
    text = " ".join(html.split())
    assert status in text
    assert supervisor in text and contact_page in text
    assert "aluehallintovirasto," not in text and "Regional State Administrative Agency for" not in text
    assert prepared in text and reviewed in text
    assert reply in text and "mailto:tekoaly@digifinland.fi" in text
    shortcomings = html.split("<h3>", 2)[1].split("</ul>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", shortcomings, flags=re.S)
    assert len(items) == 3
    # Every non-compliance names its WCAG criterion and the reason.
    for item in items[:2]:
        assert re.search(r"WCAG[^.]*\b\d\.\d\.\d+\b", item), item
        assert {"fi": "Syy:", "sv": "Orsak:", "en": "Reason:"}[lang] in item
