"""Settings for a developer's machine: `make run`."""

from config.env import env

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = env.bool("DJANGO_DEBUG", True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", "local-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "[::1]"]
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
HUB_ENVIRONMENT = "local"
# Off by default on a developer's machine, so `make run`'s demo staff (admin@, editor@,
# facilitator@) sign in with the password alone. HUB_STAFF_TWO_FACTOR=true asks them for a code:
# the demo seed gives them an authenticator with the demo secret (hub.demo.services).
# Production always requires it (hub.accounts.checks).
HUB_STAFF_TWO_FACTOR = env.bool("HUB_STAFF_TWO_FACTOR", False)
