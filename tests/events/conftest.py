import pytest


@pytest.fixture
def mail_after_commit(django_capture_on_commit_callbacks):
    """Run the outbox's on-commit hand-over (the test transaction itself never commits)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Registration is rate-limited per client (every test client is 127.0.0.1) and per address: each
    test starts with its own counts."""
    from django.core.cache import cache

    cache.clear()
