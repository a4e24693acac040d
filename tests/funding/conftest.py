import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files of a test go to its own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run the code, then the on-commit hooks that hand its mail to (eager) Celery."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
