"""Shared fixtures. The Represent replay server, SMTP sink and worker live in tests/support/."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
