"""Compile every gettext catalogue (.po) of the project into the .mo file Django reads.

The compiled catalogues are build output, not kept in git: `make install` runs this after every
checkout, and a deployment runs it after each update. It needs no GNU gettext (polib, a
dependency of wagtail-localize, writes the .mo), so a fresh machine can serve Russian at once."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues():
    """Every .po of the project: each app's, and those of LOCALE_PATHS."""
    base = Path(settings.BASE_DIR)
    found = set(base.glob("*/locale/*/LC_MESSAGES/*.po"))
    for locale_path in settings.LOCALE_PATHS:
        found.update(Path(locale_path).glob("*/LC_MESSAGES/*.po"))
    return sorted(found)


class Command(BaseCommand):
    help = "Compile the project's .po catalogues into .mo files (only those that changed)."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalogues():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
