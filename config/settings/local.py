"""Settings for a developer's machine: `make run`."""

from config.env import env

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS

DEBUG = env.bool("DJANGO_DEBUG", True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", "local-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "[::1]"]
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
HUB_ENVIRONMENT = "local"
