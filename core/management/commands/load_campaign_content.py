"""Build the whole site from the apps' content, in English and Russian. Idempotent, and safe to
run on a live site: what people edited in the admin stays as they left it.

Each app's `content` module registers its steps (core/content/registry.py); the loader
(core/content/loader.py) creates what is missing, updates what it still owns
(core/content/ownership.py), and makes the Russian through wagtail-localize. A second run
changes nothing. `--reset` overwrites people's edits (and brings back pages they deleted) with
the content in code; their versions stay in each page's history.
"""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.content.loader import ContentLoader
from core.content.registry import content_steps


class Command(BaseCommand):
    help = (
        "Build the campaign site (English and Russian) from the campaign's content. Creates "
        "what is missing and never overwrites what people edited in the admin, unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Overwrite pages and snippets edited in the admin, and bring back deleted "
            "ones, with the content in code (their history keeps the edited versions).",
        )

    def handle(self, *args, reset=False, **options):
        loader = ContentLoader(log=lambda message: self.stdout.write(f"  {message}"), reset=reset)
        loader.run(content_steps())
        if loader.changes:
            # The task queue would index later; index now so search works right after loading.
            call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        kept = f", {len(loader.kept)} kept as edited in the admin" if loader.kept else ""
        self.stdout.write(
            self.style.SUCCESS(f"Campaign content loaded ({loader.changes} changes{kept}).")
        )
