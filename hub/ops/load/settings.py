"""The load test's server settings: production's, served over plain http on loopback.

Only what http on 127.0.0.1 needs differs from production: no redirect to https, cookies
without the Secure flag (the load client would not send them back), no HSTS, and static files
from a folder the runner collects into. Never deploy with these.
"""

from config.env import env
from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STATIC_ROOT = env.str("HUB_BENCH_STATIC_ROOT")
# The manifest without compressed copies: collected faster, served the same.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Not "production": the demo seed, which the load test starts from, refuses to run there.
HUB_ENVIRONMENT = "bench"
