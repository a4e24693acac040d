"""Authorization matrix rows of the personal data pages (privacy app)."""

from __future__ import annotations

ROLES = [
    "anonymous",
    "member",
    "other_applicant",
    "coordinator",
    "steering",
    "reviewer",
    "conflicted_reviewer",
    "decision_maker",
]


def _signed_in(outcome):
    return {"anonymous": "login", **dict.fromkeys(ROLES[1:], outcome)}


def _same(outcome):
    return dict.fromkeys(ROLES, outcome)


URLS = {
    # Each signed-in person sees only their own data: the pages take no identifier.
    "privacy:overview": _signed_in(200),
    "privacy:export": _signed_in(200),
    # The confirmation (and erasure, POST only) asks for the password again first.
    "privacy:erase": _signed_in("redirect"),
    "privacy:erased": _same(200),
    # The subscriber's private link is the key: whoever holds it sees that subscription's data.
    "privacy:subscriber": _same(200),
    "privacy:subscriber_export": _same(200),
    "privacy:subscriber_erase": _same(405),
}


def paths(world) -> dict[str, str]:
    from newsletter.models import Subscriber

    subscriber = Subscriber.objects.create(email="matriisi.tilaaja@example.fi", status="confirmed")
    token = subscriber.token
    return {
        "privacy:subscriber": f"/fi/my-data/newsletter/{token}/",
        "privacy:subscriber_export": f"/fi/my-data/newsletter/{token}/download/",
        "privacy:subscriber_erase": f"/fi/my-data/newsletter/{token}/erase/",
    }
