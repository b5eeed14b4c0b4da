"""Settings: every setting the code reads is declared in letusbelong/settings/base.py (with its
default and its environment variable), so that a reader finds it in one place: no
`getattr(settings, "X", default)` hides a setting in a module (Django's own settings are
declared by Django). And the test settings run on PostgreSQL only."""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import global_settings, settings

BASE_SETTINGS = Path(settings.PROJECT_DIR) / "settings" / "base.py"
SKIPPED_DIRS = {".git", ".venv", "node_modules", "var", "static", "media", "migrations"}
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
# settings.NAME, and getattr(settings, "NAME"…) (also `django_settings`, the test fixture's name).
READS = re.compile(
    r"""\bsettings\.([A-Z][A-Z0-9_]+)\b|getattr\(\s*\w*settings\s*,\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def declared_in(path):
    """The names a settings module assigns at module level (inside `if` blocks too)."""
    names = set()

    def visit(statements):
        for node in statements:
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
            for block in ("body", "orelse", "finalbody"):
                if not isinstance(node, ast.FunctionDef | ast.ClassDef):
                    visit(getattr(node, block, []))

    visit(ast.parse(path.read_text()).body)
    return names


def source_files(root):
    for path in root.rglob("*"):
        parts = set(path.relative_to(root).parts)
        if path.suffix in SOURCE_SUFFIXES and path.is_file() and not parts & SKIPPED_DIRS:
            yield path


def settings_read(texts):
    """{setting name: [file, …]} of every setting read in `texts` ({file: text})."""
    read = {}
    for name, text in texts.items():
        for match in READS.finditer(text):
            read.setdefault(match.group(1) or match.group(2), []).append(name)
    return read


def undeclared(texts):
    known = declared_in(BASE_SETTINGS) | {n for n in dir(global_settings) if n.isupper()}
    return {name: files for name, files in settings_read(texts).items() if name not in known}


def test_every_setting_the_code_reads_is_declared_in_base():
    root = Path(settings.BASE_DIR)
    this_file = Path(__file__).resolve()  # its examples name undeclared settings on purpose
    texts = {
        str(path.relative_to(root)): path.read_text()
        for path in source_files(root)
        if path.resolve() != this_file
    }
    read = settings_read(texts)
    assert {"CAMPAIGN_ORGANISATION", "PAGE_CACHE_SECONDS", "LETTER_MIN_FILL_SECONDS"} <= set(read)
    assert "letters/pipeline.py" in read["LETTERS_PER_MP_PER_HOUR"]  # the scan reaches the apps
    assert undeclared(texts) == {}


def test_a_setting_missing_from_base_is_found():
    texts = {
        "letters/new.py": 'limit = getattr(settings, "LETTERS_BRAND_NEW_LIMIT", 3)',
        "core/other.py": "if settings.CORE_UNDECLARED_SWITCH and settings.DEBUG: pass",
        "templates/x.html": "{{ settings.campaign.SiteSettings.colour }}",  # Wagtail's: no
    }
    assert undeclared(texts) == {
        "LETTERS_BRAND_NEW_LIMIT": ["letters/new.py"],
        "CORE_UNDECLARED_SWITCH": ["core/other.py"],
    }


def start_django(database_url):
    """`django.setup()` with the test settings in a new process, on `database_url`."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=settings.BASE_DIR,
        env=os.environ
        | {"DJANGO_SETTINGS_MODULE": "letusbelong.settings.test", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("database_url", "scheme"),
    [("sqlite:///var/test.sqlite3", "sqlite"), ("mysql://app:s3cret-pw@db.example/app", "mysql")],
)
def test_the_test_settings_refuse_a_database_other_than_postgresql(database_url, scheme):
    started = start_django(database_url)
    assert started.returncode != 0 and "started" not in started.stdout
    last_line = started.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: The tests run on")
    assert "PostgreSQL only" in last_line and f"not on '{scheme}'" in last_line
    assert "s3cret" not in started.stderr


@pytest.mark.parametrize("database_url", ["postgres://postgres@127.0.0.1:5432/letusbelong", ""])
def test_the_test_settings_start_on_postgresql_or_its_default(database_url):
    started = start_django(database_url)
    assert started.returncode == 0 and "started" in started.stdout, started.stderr
