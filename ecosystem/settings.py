"""Settings for the SOTE AI ecosystem portal.

Everything that differs between machines comes from the environment, and the
defaults are the safe ones: DEBUG off, secure cookies on unless DEBUG.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
TESTING = env_bool("ECOSYSTEM_TESTING")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-local-development-key-not-for-production"  # noqa: S105
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Without SITE_URL the links in mail point at the development server `make run` starts (on PORT).
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [SITE_URL]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that it can patch model admins.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Nested inlines: the speakers of each programme item on the event's own admin page.
    "nested_admin",
    "import_export",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "core",
    "outbox",
    "members",
    "network",
    "funding",
    "events",
    "newsletter",
    "projects",
    "surveys",
    "kpi",
    "privacy",
    "frontpage",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "opendata",
    # Last: its seed_demo step indexes what the other apps seeded.
    "search",
]

MIDDLEWARE = [
    "core.middleware.RequestReceivedMiddleware",
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without an authenticator app are sent to set one up before any admin page.
    "accounts.middleware.StaffMFARequiredMiddleware",
]

ROOT_URLCONF = "ecosystem.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
WSGI_APPLICATION = "ecosystem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database: PostgreSQL only -------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    from ecosystem.embedded_db import embedded_database_url

    DATABASE_URL = embedded_database_url()
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The portal runs on PostgreSQL only; DATABASE_URL must be postgres://…")
# Parallel test runs (CI, several developers on one server) each get their own test database.
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ---------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # While Redis cannot be reached the database cache stands in (core/cache.py): sign-in, sign-up,
    # password reset and the API keep answering, and their rate limits keep counting.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ecosystem"),
            "OPTIONS": {
                "FALLBACK": "fallback",
                "RETRY_AFTER": 10,
                "socket_connect_timeout": 0.5,
                "socket_timeout": 1,
            },
        },
        "fallback": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ecosystem_cache",
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ecosystem"),
        },
    }
else:
    # Without Redis the cache lives in the database, shared by every process: allauth's rate
    # limits (counted in the cache) must hold across gunicorn workers, which a per-process
    # memory cache would not. `migrate` creates the table (accounts.apps).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "ecosystem_cache",
        }
    }

# --- Celery --------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
# Results are not kept: tasks record their outcome in the database. Tests that need a
# round-trip set CELERY_RESULT_BACKEND.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
# Without a broker (the embedded default) tasks run in-process so the portal still works.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "ecosystem")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Must exceed the longest retry countdown, or Redis redelivers a task that is merely waiting.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60 * 2}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Helsinki"
# The broker must never hold up a request: a publish that cannot connect gives up quickly
# (the outbox's periodic task sends whatever could not be handed over).
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BEAT_SCHEDULE: dict = {
    "outbox-requeue-stale": {
        "task": "outbox.requeue_stale",
        # With the claims' lease below: a dead worker's message is taken back within a minute.
        "schedule": float(os.environ.get("OUTBOX_REQUEUE_INTERVAL", "20")),
        "options": {"expires": 18},
    },
}
# Registrations allowed per client address and per email address within the window (seconds): registering
# mails the address typed in. CLIENT_IP_META: the request header a trusted proxy puts the client's address
# in (empty: the connection's address).
EVENTS_RATE_LIMIT_PER_CLIENT = int(os.environ.get("EVENTS_RATE_LIMIT_PER_CLIENT", "20"))
EVENTS_RATE_LIMIT_PER_EMAIL = int(os.environ.get("EVENTS_RATE_LIMIT_PER_EMAIL", "5"))
EVENTS_RATE_LIMIT_WINDOW = int(os.environ.get("EVENTS_RATE_LIMIT_WINDOW", "3600"))
CLIENT_IP_META = os.environ.get("CLIENT_IP_META", "")
CELERY_BEAT_SCHEDULE["events-reminders"] = {
    "task": "events.send_reminders",
    "schedule": float(os.environ.get("EVENTS_REMINDER_INTERVAL", "300")),
    "options": {"expires": 240},
}
CELERY_BEAT_SCHEDULE["events-confirmations-missing"] = {
    "task": "events.confirmations_send_missing",
    "schedule": 120.0,
    "options": {"expires": 110},
}
CELERY_BEAT_SCHEDULE["events-feedback-requests"] = {
    "task": "events.send_feedback_requests",
    "schedule": 900.0,
    "options": {"expires": 840},
}
# The services refresh search documents as they write; a daily rebuild catches anything else
# (edits made outside the services, such as the admin's content pages).
CELERY_BEAT_SCHEDULE["search-rebuild"] = {
    "task": "search.index_rebuild",
    "schedule": 24 * 3600.0,
    "options": {"expires": 3600},
}

# --- Outbox --------------------------------------------------------------------------
# Seconds to wait before each further attempt after a temporary failure (SMTP 4xx, no
# connection); after the last one the message fails. The longest must stay below the
# broker's visibility timeout (checked by outbox.checks).
OUTBOX_RETRY_DELAYS = [int(v) for v in env_list("OUTBOX_RETRY_DELAYS", "60,300,900,3600,3600,3600,3600")]
# Queued or due messages not picked up after this many seconds are handed to Celery again.
OUTBOX_REQUEUE_AFTER = int(os.environ.get("OUTBOX_REQUEUE_AFTER", "300"))
# The lease of a worker's claims: its heartbeat renews them every third of this; claims not renewed
# for this many seconds belong to a dead worker and are queued again by the periodic task.
OUTBOX_INFLIGHT_TIMEOUT = int(os.environ.get("OUTBOX_INFLIGHT_TIMEOUT", "40"))
# Coordinators are alerted (outbox admin, status endpoint) to mail waiting longer than this many
# seconds past its due time, and to mail failed within the last OUTBOX_ALERT_FAILED_WITHIN seconds.
OUTBOX_ALERT_STUCK_AFTER = int(os.environ.get("OUTBOX_ALERT_STUCK_AFTER", "900"))
OUTBOX_ALERT_FAILED_WITHIN = int(os.environ.get("OUTBOX_ALERT_FAILED_WITHIN", str(24 * 3600)))
# Bulk sends: messages per database batch and per delivery task (one SMTP connection each).
OUTBOX_BATCH_SIZE = int(os.environ.get("OUTBOX_BATCH_SIZE", "100"))
# Messages per second per worker process over one connection; 0 means no limit.
OUTBOX_RATE_LIMIT_PER_SECOND = float(os.environ.get("OUTBOX_RATE_LIMIT_PER_SECOND", "0"))
# Domain part of generated Message-IDs; by default the domain of DEFAULT_FROM_EMAIL.
OUTBOX_MESSAGE_ID_DOMAIN = os.environ.get("OUTBOX_MESSAGE_ID_DOMAIN", "")

# --- Auth and accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "frontpage:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Sign-up does the same work for an address with an account as for a new one (no timing oracle).
# Signing in keeps staff sessions short (accounts.sessions).
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "login": "accounts.forms.LoginForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Rate limits (counted in the cache above); they apply to the admin login too, which goes
# through allauth. Failed logins: 10 a minute per client address, 5 per address in 5 minutes.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# Wrong authenticator codes count against "login_failed" too (allauth.mfa, per user).

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ecosystem.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files only permission-checking views may serve (applicants' attachments): never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# Public media (logos, photos) go to an S3-compatible object store when MEDIA_S3_BUCKET is set, so
# every web process on every host sees every upload; otherwise to MEDIA_ROOT on this host (one host,
# or MEDIA_ROOT on a volume all of them share), served by core.views.media. The files' names are
# random and never reused, so clients and proxies may keep them for MEDIA_MAX_AGE seconds.
MEDIA_MAX_AGE = int(os.environ.get("MEDIA_MAX_AGE", str(7 * 24 * 3600)))


def media_storage(environ) -> dict:
    """The storage of public media: an S3-compatible store when MEDIA_S3_BUCKET is set."""
    if not environ.get("MEDIA_S3_BUCKET"):
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["MEDIA_S3_BUCKET"],
            "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("MEDIA_S3_REGION") or None,
            "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            # The public address of the bucket (a CDN or the store's own), without a scheme.
            "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": environ.get("MEDIA_S3_PREFIX", "media"),
            # Public files: plain URLs that stay the same (cacheable), never overwritten.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": f"public, max-age={MEDIA_MAX_AGE}"},
        },
    }


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Mail ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SOTE-tekoälyn ekosysteemi <noreply@localhost>")
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "tekoaly@digifinland.fi")

# --- Security ------------------------------------------------------------------------
# Off only for `make serve`, which runs the production setup on plain http://127.0.0.1.
SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
# Members stay signed in for two weeks; staff (personal data, review, decisions) for a working day
# (accounts.sessions, on signing in).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
STAFF_SESSION_AGE = int(os.environ.get("STAFF_SESSION_AGE", str(8 * 3600)))
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content Security Policy: everything from our own origin, no inline script or style,
# nothing may frame the portal. Templates must not use inline <script>, <style> or style="".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Permissions-Policy: the portal uses no device, sensor, payment or tracking feature of the browser;
# none is granted to it or to anything it might embed.
PERMISSIONS_POLICY: dict[str, list[str]] = dict.fromkeys(
    [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "web-share",
        "xr-spatial-tracking",
    ],
    [],
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each step of every PDF at INFO ("Step 2 - Fetching and parsing CSS").
    "loggers": {"pgserver": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}

# --- Newsletter ----------------------------------------------------------------------
# How long a confirmation link stays valid (seconds).
NEWSLETTER_CONFIRM_MAX_AGE = int(os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE", str(7 * 24 * 3600)))
# Sign-up attempts allowed per address and per client address within the window (seconds).
NEWSLETTER_RATE_LIMIT_PER_EMAIL = int(os.environ.get("NEWSLETTER_RATE_LIMIT_PER_EMAIL", "3"))
NEWSLETTER_RATE_LIMIT_PER_CLIENT = int(os.environ.get("NEWSLETTER_RATE_LIMIT_PER_CLIENT", "10"))
NEWSLETTER_RATE_LIMIT_WINDOW = int(os.environ.get("NEWSLETTER_RATE_LIMIT_WINDOW", "3600"))
# Subscribers queued per transaction while a campaign is being queued.
NEWSLETTER_ENQUEUE_CHUNK = int(os.environ.get("NEWSLETTER_ENQUEUE_CHUNK", "500"))
# A sending campaign whose queueing made no progress for this long is taken up again (seconds).
NEWSLETTER_STALL_AFTER = int(os.environ.get("NEWSLETTER_STALL_AFTER", "120"))
# The failure threshold is applied only after this many messages have been finished.
NEWSLETTER_FAILURE_MIN_SAMPLE = int(os.environ.get("NEWSLETTER_FAILURE_MIN_SAMPLE", "50"))
# The progress of a campaign warns when a due message has waited this long for a worker (seconds).
# Key of the hash of a subscriber's client address in the consent evidence (default: SECRET_KEY). Keep it
# stable: a new key makes the stored hashes uncheckable.
NEWSLETTER_CONSENT_HASH_KEY = os.environ.get("NEWSLETTER_CONSENT_HASH_KEY", "")
NEWSLETTER_WORKER_ALERT_AFTER = int(os.environ.get("NEWSLETTER_WORKER_ALERT_AFTER", "300"))
# How often an open campaign page fetches the progress of its sending (seconds).
NEWSLETTER_PROGRESS_REFRESH_SECONDS = float(os.environ.get("NEWSLETTER_PROGRESS_REFRESH_SECONDS", "5"))
NEWSLETTER_SUBSCRIBER_TARGET = int(os.environ.get("NEWSLETTER_SUBSCRIBER_TARGET", "1500"))
# Tracking webhooks of the email provider (bounces, complaints) at
# /<language>/newsletter/webhooks/<provider>/tracking/ with HTTP basic auth "user:password".
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")}
CELERY_BEAT_SCHEDULE["newsletter-dispatch"] = {
    "task": "newsletter.dispatch",
    "schedule": float(os.environ.get("NEWSLETTER_DISPATCH_INTERVAL", "30")),
    "options": {"expires": 25},
}
CELERY_BEAT_SCHEDULE["newsletter-cleanup"] = {
    "task": "newsletter.cleanup_unconfirmed",
    "schedule": 24 * 3600.0,
    "options": {"expires": 3600},
}

# --- Review, projects, surveys, personal data: periodic tasks ----------------------------
CELERY_BEAT_SCHEDULE["funding-receipts-missing"] = {
    "task": "funding.receipts_send_missing",
    "schedule": 120.0,
    "options": {"expires": 110},
}
CELERY_BEAT_SCHEDULE["funding-review-reminders"] = {
    "task": "funding.review_send_reminders",
    "schedule": 3600.0,
    "options": {"expires": 3000},
}
CELERY_BEAT_SCHEDULE["funding-information-reminders"] = {
    "task": "funding.information_send_reminders",
    "schedule": 3600.0,
    "options": {"expires": 3000},
}
CELERY_BEAT_SCHEDULE["projects-report-reminders"] = {
    "task": "projects.report_send_reminders",
    "schedule": 3600.0,
    "options": {"expires": 3000},
}
# The coordinators' daily digest (kpi.services.coordinator_digest_send): hourly, sent once a day.
CELERY_BEAT_SCHEDULE["kpi-coordinator-digest"] = {
    "task": "kpi.coordinator_digest",
    "schedule": 3600.0,
    "options": {"expires": 3000},
}
CELERY_BEAT_SCHEDULE["surveys-reminders"] = {
    "task": "surveys.send_reminders",
    "schedule": 3600.0,
    "options": {"expires": 3000},
}
# Retention (privacy.retention_purge, daily): unconfirmed newsletter requests (the newsletter's own
# clean-up removes them even sooner, once their link has long expired) and the personal data of
# event registrations, this many days after the event ended.
PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS = int(os.environ.get("PRIVACY_UNCONFIRMED_SUBSCRIPTION_DAYS", "30"))
PRIVACY_REGISTRATION_RETENTION_DAYS = int(os.environ.get("PRIVACY_REGISTRATION_RETENTION_DAYS", "365"))
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "privacy.retention_purge",
    "schedule": 24 * 3600.0,
    "options": {"expires": 3600},
}

# --- Open data API (opendata app) -------------------------------------------------------
# BEGIN opendata settings
# Read-only and anonymous: no session authentication (so no CSRF), no browsable API (it needs
# inline scripts), JSON unless a view offers more.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNICODE_JSON": True,
}
# Requests per client address (counted in the cache); set the variable to "" for no limit.
OPENDATA_THROTTLE_RATE = os.environ.get("OPENDATA_THROTTLE_RATE", "600/minute") or None
# Seconds a client or proxy may reuse a response without asking again (ETag/Last-Modified after that).
OPENDATA_MAX_AGE = int(os.environ.get("OPENDATA_MAX_AGE", "60"))
SPECTACULAR_SETTINGS = {
    "TITLE": "SOTE AI ecosystem open data",
    "DESCRIPTION": (
        "Read-only open data of Finland's national health and social care AI ecosystem: member "
        "organisations, AI implementations, funded projects and events. JSON or CSV, licence CC BY 4.0."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationTypeEnum": "members.enums.OrganisationType",
        "UseCaseEnum": "network.enums.UseCase",
        "StageEnum": "network.enums.Stage",
        "EventTypeEnum": "events.enums.EventType",
        "EventFormatEnum": "events.enums.EventFormat",
        # An event's language and the language of each text (the records' "languages").
        "LanguageEnum": "django.conf.settings.LANGUAGES",
    },
}
# END opendata settings
