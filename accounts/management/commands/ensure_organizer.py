"""Create (or reset) the local organizer account that `make run` prints."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the organizer superuser for local development and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="organizer")
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, username, base_url, **options):
        password_file = settings.BASE_DIR / "var" / "organizer-password.txt"
        password_file.parent.mkdir(parents=True, exist_ok=True)
        if password_file.exists():
            password = password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            password_file.write_text(password + "\n")
            password_file.chmod(0o600)
        user, _created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"email": "organizer@example.org", "first_name": "Organizer"},
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin: {base_url.rstrip('/')}/admin/\n"
                f"  Username: {username}\n  Password: {password}\n"
                f"  (kept in {password_file.relative_to(settings.BASE_DIR)})\n"
            )
        )
