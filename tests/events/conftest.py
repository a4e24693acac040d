import pytest


@pytest.fixture
def mail_after_commit(django_capture_on_commit_callbacks):
    """Run the outbox's on-commit hand-over (the test transaction itself never commits)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
