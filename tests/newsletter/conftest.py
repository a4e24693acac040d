import pytest


@pytest.fixture
def mail_after_commit(django_capture_on_commit_callbacks):
    """Run the outbox's on-commit hand-over (the test transaction itself never commits)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://sotetekoaly.example"
    return settings


#: Short outbox timings for the test process and the workers (as in tests/outbox).
FAST_ENV = {
    "OUTBOX_RETRY_DELAYS": "1,1,2",
    "OUTBOX_REQUEUE_AFTER": "10",
    "OUTBOX_INFLIGHT_TIMEOUT": "2",
}


@pytest.fixture
def worker_mail_env(smtp):
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "",
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": "10",
        **FAST_ENV,
    }


@pytest.fixture
def fast_timings(settings):
    settings.OUTBOX_RETRY_DELAYS = [1, 1, 2]
    # Tasks the killed worker had taken from the broker are lost with it; the periodic duty hands
    # their messages over again once they have waited this long (a message handed over twice is
    # claimed once, so an early hand-over costs a task, never a second mail).
    settings.OUTBOX_REQUEUE_AFTER = 4
    settings.OUTBOX_INFLIGHT_TIMEOUT = 2
    settings.NEWSLETTER_STALL_AFTER = 3
    return settings
