"""The migrated test database kept as a PostgreSQL template, so that a run whose migrations
have not changed starts in seconds instead of migrating an empty database (half a minute).

The first run after any change to a migration, or to requirements.lock (which pins Django's
and Wagtail's own migrations), migrates as usual and then copies the result to a template
database named after the test database and a hash of those files. The next runs create the
test database from that template (`CREATE DATABASE … TEMPLATE`, a file copy), and Django's
migrate finds nothing left to apply (its post-migrate steps still run). The hash also covers the
settings migrations read; a migration importing project code turns the template off (the hash
would miss a change there).
`pytest --create-db` skips the template; `--reuse-db` works as pytest-django documents it.
"""

import functools
import hashlib
import re
import warnings
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections
from psycopg import sql

ROOT = Path(settings.BASE_DIR)
IMPORT = re.compile(r"^\s*(?:from|import)\s+(\w+)", re.MULTILINE)
# Settings that migrations read (Wagtail's first locale comes from the languages).
MIGRATION_SETTINGS = ["INSTALLED_APPS", "LANGUAGE_CODE", "LANGUAGES", "WAGTAIL_CONTENT_LANGUAGES"]
MIGRATION_SETTINGS += ["AUTH_USER_MODEL", "WAGTAIL_PAGE_MODEL"]


def migrations_key():
    """A hash of every migration of the project, requirements.lock and the settings migrations
    read, or None when a migration imports project code (which the hash would miss)."""
    project = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    digest = hashlib.sha256((ROOT / "requirements.lock").read_bytes())
    digest.update(repr([getattr(settings, name, None) for name in MIGRATION_SETTINGS]).encode())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        text = path.read_text()
        if project & set(IMPORT.findall(text)):
            return None
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + text.encode())
    return digest.hexdigest()[:12]


@functools.cache
def _names():
    """(test database, its template). Cached: asked first before pytest-django sets the test
    database up, after which Django's settings already name the test database."""
    test_name = connections["default"].creation._get_test_db_name()
    key = migrations_key()
    return test_name, (f"{test_name}_tpl_{key}" if key else None)


def _server():
    database = settings.DATABASES["default"]
    return psycopg.connect(
        dbname="postgres",
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=True,
    )


def _exists(server, name):
    return server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


def clone_template():
    """Create the test database from the template of the current migrations; True if done."""
    test_name, template = _names()
    if template is None:
        return False
    try:
        with _server() as server:
            if not _exists(server, template):
                return False
            server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(test_name)))
            server.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(test_name), sql.Identifier(template)
                )
            )
    except psycopg.Error:
        return False  # someone is connected to either: migrate as usual
    return True


def save_template():
    """Copy the freshly migrated test database to the template; drop older templates."""
    test_name, template = _names()
    if template is None:
        return
    connections.close_all()
    try:
        with _server() as server:
            old = server.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{test_name}_tpl_%"]
            ).fetchall()
            for (name,) in old:
                server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            server.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(template), sql.Identifier(test_name)
                )
            )
    except psycopg.Error as error:  # the next run migrates again
        warnings.warn(f"The test database was not kept as a template: {error}", stacklevel=2)


def drop_test_database():
    test_name, _template = _names()
    connections.close_all()
    with _server() as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(test_name)))
