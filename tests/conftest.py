"""Shared fixtures. The Represent replay server, SMTP sink and worker live in tests/support/."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = [
    "tests.support.directory",
    "tests.support.letter_views",
    "tests.support.letters",
    "tests.support.mail",
    "tests.support.represent",
    "tests.support.trust",
    "tests.support.worker",
]
