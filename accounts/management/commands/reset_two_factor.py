"""Remove a user's authenticator devices (a lost phone); they enrol a new one at next sign-in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Delete the TOTP devices of USERNAME so that they set up two-factor sign-in again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        deleted = TOTPDevice.objects.filter(user=user).delete()[0]
        self.stdout.write(f"Removed {deleted} device(s); {username} enrols again at next sign-in.")
