"""Point the default Wagtail Site at a local address (`make run`: HOST and PORT), so that every
absolute link the site writes — canonical and og:url, feeds, the sitemap — follows the address it
is served at.

Only a site still on a local address (127.0.0.1, localhost, 0.0.0.0, ::1) is moved: a database
whose site an organizer pointed at a real domain keeps it."""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}  # noqa: S104 - names, not binds


class Command(BaseCommand):
    help = "Point the default site at a local base URL (make run's HOST and PORT)."

    def add_arguments(self, parser):
        parser.add_argument("base_url", help="e.g. http://127.0.0.1:8102")

    def handle(self, *args, base_url, **options):
        parts = urlsplit(base_url)
        if not parts.hostname:
            raise CommandError(f"Not a URL: {base_url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        if site.hostname not in LOCAL_HOSTS:
            self.stdout.write(f"  the site stays at {site.root_url} (not a local address)")
            return
        if (site.hostname, site.port) != (parts.hostname, port):
            site.hostname, site.port = parts.hostname, port
            site.save()
            self.stdout.write(f"  the site now answers at {site.root_url}")
