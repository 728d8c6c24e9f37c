"""Settings shared by every environment. Anything with production effect comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A .env file configures a workstation or the compose stack; test runs ignore it so they stay repeatable.
if env.bool("DJANGO_READ_DOT_ENV", default=not os.environ.get("DJANGO_SETTINGS_MODULE", "").endswith(".test")):
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Third party
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The portal
    "core",
    "organisations",
    "delivery_plans",
    "hra",
    "slas",
    "inspections",
    "tenants",
    "agreements",
    "consultations",
    "reporting",
    "api_access",
    "benchmarking",
    "dashboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed two-factor sign-in.
    "django_otp.middleware.OTPMiddleware",
    # Every page needs a signed-in user unless its view says otherwise.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisations.middleware.CurrentMembershipMiddleware",
    # Signs out a session idle for SESSION_IDLE_TIMEOUT or older than SESSION_ABSOLUTE_TIMEOUT (after messages).
    "organisations.session_timeout.SessionTimeoutMiddleware",
    # Keeps a session that still owes its two-factor code, or its set-up, on those pages.
    "organisations.two_factor.middleware.TwoFactorMiddleware",
    # Refuses a sign-in from a locked-out account or address; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp 4): no inline script or style anywhere; every script and stylesheet is
# a file under /static/ (static/js/, static/css/), including the API docs page's (almo_portal/api_urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Request bodies: the largest legitimate one is a quarter's actuals (a few hundred lines of JSON).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

ROOT_URLCONF = "almo_portal.urls"
WSGI_APPLICATION = "almo_portal.wsgi.application"

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
                "organisations.context_processors.membership",
            ],
        },
    },
]

# Embedded default: a SQLite file in a git-ignored folder, so a fresh clone runs with nothing installed.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer fails a request in seconds (the 503 page), never hangs a web worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # A web worker keeps its connection for a minute rather than opening one per request (several milliseconds
    # each); the health check replaces one the database dropped, say on a restart, before a request uses it.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Writes that renew no cached read (core/freshness.py): else every page view, which saves its session, would.
FRESHNESS_IGNORED_TABLES = [
    "django_session",
    "django_admin_log",
    "django_celery_beat_",
    "axes_",
    "otp_",
    "auth_user",
    "api_access_apirequestlog",
    "organisations_notification",
]

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout (django-axes): five failed sign-ins for a username, or from an address, lock it for 30 minutes;
# the sixth attempt is refused even with the right password. Attempts are kept in the database (admin).
# Proxies in front of the portal that add the client's address to X-Forwarded-For (core/clients.py): sign-in
# lockout, reset and ballot limits and the logs use that address. 0 when the portal is reached directly.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisations.sign_in.locked_out"
# Attempts are stored with the form's fields: never a two-factor or recovery code.
AXES_SENSITIVE_PARAMETERS = ["code"]

# Two-factor sign-in (organisations/two_factor): council officers, ALMO staff and administrators must set up an
# authenticator app; board members and observers must where their council says so, and anyone may. Off, nobody
# is made to, but a person who has set it up is still asked for a code.
TWO_FACTOR_REQUIRED = env.bool("DJANGO_TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "ALMO Portal"
# The admin may remove a person's devices (to reset a lost phone) but never sees their secrets or recovery codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes count towards the sign-in lockout above (five in 30 minutes), so django-otp's own per-device
# back-off, which would refuse a right code typed a second after a wrong one, is not needed.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Password reset links: at most this many requests an hour for one email address and from one address.
PASSWORD_RESET_RATE_PER_EMAIL = 3
PASSWORD_RESET_RATE_PER_ADDRESS = 10

# Sessions end when the browser closes, after 8 hours in all, or after 30 minutes without activity
# (organisations.session_timeout; a script warns two minutes before).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=8)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_IDLE_WARNING = timedelta(minutes=2)
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# govuk-frontend and other front-end packages come from npm at set-up, never from the repository.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/govuk-frontend/dist", BASE_DIR / "node_modules" / "govuk-frontend" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded documents (evidence, agreements, consultation papers) live outside the web root and reach people only
# through views that check who is asking (core/uploads.py): no URL serves this folder.
PRIVATE_FILES_ROOT = env.path("DJANGO_PRIVATE_FILES_ROOT", default=VAR_DIR / "private")
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# Key for the hashes of ballot voting codes. Without it a key is derived from SECRET_KEY, so changing the
# secret key would void every code already posted to tenants: set this before a ballot opens.
BALLOT_CODE_KEY = env("BALLOT_CODE_KEY", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.uploads.PrivateStorage", "OPTIONS": {"location": PRIVATE_FILES_ROOT}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Where links in emails point.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="ALMO Portal <no-reply@almo-portal.invalid>")

# The API (core/api/base.py): personal tokens (api_access) for systems, the session for the browser; JSON in, JSON out.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api_access.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PortalPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api_access.throttling.ApiRateThrottle"],
    # Per token, or per person signed in; exports have their own, lower limit as well.
    "DEFAULT_THROTTLE_RATES": {
        "api": env("API_RATE_LIMIT", default="1000/hour"),
        "export": env("API_EXPORT_RATE_LIMIT", default="120/hour"),
    },
    "EXCEPTION_HANDLER": "core.api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "NON_FIELD_ERRORS_KEY": "non_field_errors",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ALMO Portal API",
    "DESCRIPTION": (
        "Read the council and ALMO relationship's records, submit quarterly returns from another system, and "
        "download benchmarking and Tenant Satisfaction Measures exports. Send a personal API token, created in "
        "the portal under API tokens, as `Authorization: Bearer <token>`. You see and change exactly what you "
        "could in the portal."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page's scripts and styles come from the drf-spectacular-sidecar package: it works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Links from each resource's answers to the operations on one of its records (core/api/schema.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.link_record_operations",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PartyEnum": "organisations.access.Party",
        "CouncilKindEnum": "organisations.models.Council.Kind",
        "AmendmentKindEnum": "delivery_plans.models.Amendment.Kind",
        "PeerGroupKindEnum": "benchmarking.models.PeerGroup.Kind",
        "ActualRagEnum": "delivery_plans.models.returns.Rag",
        "MeetingActionStatusEnum": "agreements.models.MeetingAction.Status",
        "CapitalReceiptKindEnum": "hra.models.CapitalReceipt.Kind",
        "InspectionKindEnum": "inspections.models.inspections.Kind",
        "ImprovementActionStatusEnum": "inspections.models.ImprovementAction.Status",
        "SlaBenchmarkKindEnum": "slas.models.Benchmark.Kind",
        "SlaBenchmarkBasisEnum": "slas.models.Benchmark.Basis",
    },
}

# Celery: with no broker configured, tasks run in-process so the embedded default needs nothing else.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
# Redis hands an unacknowledged task (its worker killed outright) to another worker after the visibility
# timeout: longer than the longest task with its retry wait (a report is also freed sooner by its lease).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900, "socket_connect_timeout": 5}
# A worker waits for a restarted broker however long it takes, instead of giving up after 100 tries.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Values of parameters named like a password, token, code, secret or key never reach a log.
    "filters": {"redact_secrets": {"()": "organisations.log_redaction.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
