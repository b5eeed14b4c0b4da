"""Apply the retention periods to supporters' personal data (run daily from cron or a timer)."""

from django.core.management.base import BaseCommand

from privacy.purge import purge_personal_data


class Command(BaseCommand):
    help = "Remove letter bodies, unconfirmed letters and old identities past their retention."

    def handle(self, *args, **options):
        counts = purge_personal_data()
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
