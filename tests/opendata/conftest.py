import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """The API's rate limit is counted per client address in the shared cache: tests other than the
    one about it make many requests from one address."""
    settings.OPENDATA_THROTTLE_RATE = None


@pytest.fixture
def api():
    return Client(HTTP_HOST="localhost")
