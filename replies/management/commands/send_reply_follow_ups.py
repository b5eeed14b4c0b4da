"""Daily (cron): ask supporters whether their MP replied, REPLY_FOLLOW_UP_DAYS after sending.

    17 10 * * * cd /srv/letusbelong && .venv/bin/python manage.py send_reply_follow_ups

The emails themselves go out through the task worker (db_worker)."""

from django.core.management.base import BaseCommand

from replies.follow_ups import schedule_follow_ups


class Command(BaseCommand):
    help = "Enqueue the 'did your MP reply?' emails that are due (first and second round)."

    def handle(self, *args, **options):
        first, second = schedule_follow_ups()
        self.stdout.write(f"Follow-ups enqueued: {first} first, {second} second.")
