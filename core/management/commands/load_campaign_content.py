"""Build the whole site from the apps' content, in English and Russian. Idempotent.

Each app's `content` module registers its steps (core/content/registry.py); the loader
(core/content/loader.py) creates or updates the English pages and makes the Russian ones through
wagtail-localize. A second run changes nothing.
"""

import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.content.loader import ContentLoader
from core.content.registry import content_steps


class Command(BaseCommand):
    help = "Build the campaign site (English and Russian) from the campaign's content. Idempotent."

    def handle(self, *args, **options):
        loader = ContentLoader(log=lambda message: self.stdout.write(f"  {message}"))
        loader.run(content_steps())
        if loader.changes:
            # The task queue would index later; index now so search works right after loading.
            call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
        self.stdout.write(
            self.style.SUCCESS(f"Campaign content loaded ({loader.changes} changes).")
        )
