import pytest


@pytest.fixture(autouse=True)
def _english():
    """Messages are compared in English (the catalogues are merged later)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
