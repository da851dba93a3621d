"""Enquiry Networks settings: one module, read from the environment.

With no environment set the app runs embedded: SQLite, and Celery on kombu's
filesystem transport, so a newcomer needs no servers. DATABASE_URL and REDIS_URL
switch to PostgreSQL and Redis. Bad values fail loudly at start-up.
"""

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ENQUIRY_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# pytest-django reads settings before any conftest runs, so tests are recognised here.
TESTING = env_bool("ENQUIRY_TESTING", "pytest" in sys.modules)

# Without DJANGO_SECRET_KEY (and DEBUG off) the key stays empty: commands that sign
# nothing (migrate, makemigrations, collectstatic) still run, but the web process
# refuses to start (config/wsgi.py) and `check --deploy` fails.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    "networks",
    "enquiries",
    "brokerage",
    "meetings",
    "evidence",
    "reports",
    "notifications",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so a locked-out sign-in never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_count",
                "brokerage.context_processors.brokerage_nav",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Persistent connections, checked before each request reuses one: after PostgreSQL
# restarts (or drops a connection) the first request on each worker reconnects
# instead of failing. Five minutes saves a connection set-up per request and still
# recycles connections well before any server-side idle timeout.
CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 300)
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",  # type: ignore[typeddict-item]  # Django takes a Path
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Web, worker and beat share one file: WAL lets readers and a writer
        # overlap, and IMMEDIATE takes the write lock up front so a
        # transaction never fails half-way with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if TESTING:
        # A file, not memory, so a Celery worker the fault tests start in another
        # process shares the test database; not synced to disk, as nothing in it
        # needs to survive a power cut.
        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"enquiry-test-{os.getpid()}.sqlite3")
        }
        DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA synchronous=OFF;"
else:
    # A database that cannot be reached fails a request (or /readyz/) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -----------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A cache that is down must cost a request little (its users fail open).
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions live in the database so any number of web processes can serve a user.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Users and sign-in ------------------------------------------------------
AUTH_USER_MODEL = "networks.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = reverse_lazy("sign_in")
LOGIN_REDIRECT_URL = reverse_lazy("home")
LOGOUT_REDIRECT_URL = reverse_lazy("sign_in")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Reset emails an hour: per account (a person asking three times gets two emails and
# the same page each time), and per client address (one school's shared address
# may have many staff asking on a training day, so this one is generous).
PASSWORD_RESET_LIMIT_PER_ACCOUNT = 2
PASSWORD_RESET_LIMIT_PER_CLIENT = 20
INVITATION_VALID_DAYS = 14

# Brute-force protection: five failures for one account from one address locks it for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Absolute links in emails sent outside a request (notifications, tasks).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Email ------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Enquiry Networks <no-reply@enquiry-networks.test>"
)
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    # Each wait on the mail server; a send never outlasts its task's time limit.
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    # Development: every email is a file in var/mail/, one per message.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

# How long a sender's claim on an outbox email lasts (networks/outbox.py). Longer
# than any sending task's hard time limit (240 s at most), so a live sender never
# loses its claim; a sender that died holds its email this long before the sweep
# sends it again.
EMAIL_CLAIM_LEASE = timedelta(seconds=env_int("EMAIL_CLAIM_LEASE_SECONDS", 300))
# How long a worker's claim on a case-study build lasts (reports/models.py): longer
# than the build task's hard time limit (240 s), so a live build never loses it; a
# build whose worker died is queued again by the sweep once it runs out.
REPORT_BUILD_LEASE = timedelta(seconds=env_int("REPORT_BUILD_LEASE_SECONDS", 300))
# /readyz/ answers 503 when an email has waited longer than this.
READY_MAX_EMAIL_AGE = timedelta(minutes=env_int("READY_MAX_EMAIL_AGE_MINUTES", 15))

# --- Celery -----------------------------------------------------------------
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
        # How long Redis keeps a delivered message unacknowledged before handing it to
        # another worker. Our tasks acknowledge as they start (acks_late off), so a
        # message is unacknowledged only while it waits in a worker's prefetch behind
        # the task running there: at most the longest hard time limit (240 s,
        # send_daily_digests). Ten minutes covers that twice over, so a waiting
        # message is never run twice; a worker killed with a message prefetched
        # delays it by at most this. No email waits for it: the outbox sweep sends
        # every email from its row. (Celery's default is an hour.)
        "visibility_timeout": 600,
        # A broker that is down or unreachable costs a publish seconds, not minutes.
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
else:
    _queue_dir = VAR_DIR / "celery"
    # The host is ignored by this transport, but kombu warns "No hostname was supplied"
    # on every publish without one (seed_demo printed it once per email).
    CELERY_BROKER_URL = "filesystem://localhost/"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
    # The transport needs its folders before the first task is queued (by any process).
    for _folder in ("queue", "processed", "control"):
        (_queue_dir / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/London"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Publishing happens as a request's transaction commits: with the broker down it is
# tried three times within half a second, then given up (and logged) by
# networks.outbox.enqueue_on_commit; the outbox sweep sends the email instead.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Every periodic job, in one place. Ticks find what is due in the database and act
# on it; each delivery is recorded, so a tick that runs twice sends nothing twice.
CELERY_BEAT_SCHEDULE = {
    # Expired invitations and old sent emails are tidied daily; nothing depends on it
    # being prompt.
    "expire-invitations": {
        "task": "networks.tasks.expire_invitations",
        "schedule": crontab(hour=3, minute=0),
    },
    # The outbox sweeps, every minute: an email whose on-commit send was never queued
    # (broker down), whose worker died (once its lease runs out) or whose mail server
    # said "later" goes within a minute of being due; a password-reset link should
    # not wait longer. `expires`: a sweep that waited longer than a minute (workers
    # down) is dropped, as the next one does the same work.
    "send-due-account-emails": {
        "task": "networks.tasks.send_due_outbox_emails",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "send-pending-notification-emails": {
        "task": "notifications.tasks.send_pending_emails",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Feedback loops open, remind and close on dates (Europe/London): on the clock's
    # five minutes, so each step happens at local midnight or within five minutes of
    # it (the first run after a worker outage catches up), and a tick that runs late
    # or twice does each step once (each is claimed). `expires`: a tick that waited
    # past the next one is dropped, as the next does the same work.
    "run-feedback-loops": {
        "task": "enquiries.tasks.run_feedback_loops",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 290},
    },
    # Reflective log reminders: hourly through the working day (08:05 to 18:05
    # London), so nobody is reminded at night and a tick missed while workers were
    # down is made up an hour later. Each reminder is a Notification unique per
    # person, project and period, so the ticks after the first find nobody new.
    "send-log-reminders": {
        "task": "enquiries.tasks.send_log_reminders",
        "schedule": crontab(minute=5, hour="8-18"),
        "options": {"expires": 50 * 60},
    },
    # Case-study builds whose worker died (lease run out) or whose message was never
    # queued (broker down) are queued again; each build is claimed, so it runs once.
    "sweep-report-builds": {
        "task": "reports.tasks.sweep_report_builds",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Daily digests go at 07:00 London time, before the school day, so people start it
    # knowing what happened yesterday; once a day is what "daily digest" promises.
    "send-daily-notification-digests": {
        "task": "notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Meeting notes: circulated once their check-by day has ended (London) with no
    # correction open, and the clusters reminded the day before. Each step is claimed
    # per notes, so a tick that runs twice does each once.
    "run-meeting-notes-sweep": {
        "task": "meetings.tasks.run_notes_sweep",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 590},
    },
}

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the research archive, log attachments) are never served from a
# public URL: nothing serves MEDIA_URL, and every download goes through a view that
# checks permission. They are read and written only through Django's storage API
# (the "uploads" storage), so they can live in S3-compatible object storage: set
# STORAGE_BUCKET (and AWS_S3_ENDPOINT_URL for a non-AWS service) and every web
# process and worker shares the bucket instead of a local folder.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
if TESTING and not os.environ.get("MEDIA_ROOT"):
    # Tests never write into the developer's var/media.
    MEDIA_ROOT = Path(tempfile.gettempdir()) / f"enquiry-test-media-{os.getpid()}"
STORAGE_BUCKET = os.environ.get("STORAGE_BUCKET", "")
if STORAGE_BUCKET:
    UPLOAD_STORAGE: dict = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the
            # environment (boto3 reads them, or an instance role), never settings.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("STORAGE_PREFIX", ""),
            "signature_version": "s3v4",
            # Private objects; a name is never reused (ours are random anyway).
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    UPLOAD_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }
# Largest upload per kind of file, in megabytes (enquiries/uploads.py checks each
# file's content, not just its name, before anything is stored).
UPLOAD_MAX_MB = {
    "document": env_int("UPLOAD_MAX_DOCUMENT_MB", 20),
    "image": env_int("UPLOAD_MAX_IMAGE_MB", 10),
    "audio": env_int("UPLOAD_MAX_AUDIO_MB", 200),
    "video": env_int("UPLOAD_MAX_VIDEO_MB", 200),
}
# Above this an upload is written to a temporary file while the request is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": UPLOAD_STORAGE,
    "uploads": UPLOAD_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development and tests serve static files straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# --- Forms ------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# --- Security ---------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

PAGE_SIZE = 25

if TESTING:
    # Fast hashing; tasks run in-process unless a test starts a real worker;
    # sync Playwright drives the live server from the test thread.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", True)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
