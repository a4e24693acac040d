"""Settings for the test suite: the production settings with test conveniences.

Tests run with DEBUG off, like production, on a real PostgreSQL.
"""

import os

os.environ.setdefault("ECOSYSTEM_TESTING", "1")

from ecosystem.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests that need a broker start a real worker; everything else runs tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
# Each test run has its own cache: rate-limit counters (allauth) from an earlier run in a shared
# Redis must not leak into this one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# The test client builds the middleware for every Client, and WhiteNoise without autorefresh scans
# STATIC_ROOT each time: thousands of files once `make serve` or a benchmark has collected them, which
# made every request of a test several times slower. With autorefresh it looks only for the files asked.
WHITENOISE_AUTOREFRESH = True
