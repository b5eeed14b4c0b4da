"""Keep the letter queue healthy; run every few minutes from cron or a systemd timer.

Idempotent: a second run right after the first finds nothing to do. Logs counts only."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core import ratelimit
from letters import pipeline
from letters.models.step import LetterStep
from letters.monitoring import delivery_alerts

logger = logging.getLogger("letters.sweep")


class StaleWorker(Exception):
    """Recorded on a task whose worker stopped without finishing it (killed or crashed)."""


class Command(BaseCommand):
    help = (
        "Fail tasks left RUNNING by a dead worker, re-queue letters stuck in `sending`, "
        "enqueue queued letters that lost their task, expire unconfirmed letters, "
        "and prune old rate-limit counters and expired letter-tool steps."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        counts = {
            "stale_tasks_failed": fail_stale_tasks(
                now - timedelta(minutes=settings.LETTERS_TASK_GRACE_MINUTES)
            ),
            "stuck_letters_requeued": pipeline.requeue_stuck(
                timedelta(minutes=settings.LETTERS_SENDING_TIMEOUT_MINUTES)
            ),
            "queued_letters_enqueued": pipeline.resume_sending(),
            "unconfirmed_letters_expired": pipeline.expire_unconfirmed(),
            "ratelimit_windows_pruned": ratelimit.prune(),
            "letter_steps_pruned": LetterStep.prune(),
        }
        summary = " ".join(f"{name}={count}" for name, count in counts.items())
        logger.info("sweep_letters %s", summary)
        for alert in delivery_alerts(now):
            logger.warning("delivery alert: %s", alert)
        if options["verbosity"] > 1:
            self.stdout.write(summary)


def fail_stale_tasks(started_before):
    """Mark RUNNING tasks that started before `started_before` as failed (django-tasks-db#5:
    a killed worker leaves them RUNNING forever)."""
    stale = DBTaskResult.objects.running().filter(started_at__lt=started_before)
    count = 0
    for result in stale:
        result.set_failed(
            StaleWorker(f"still RUNNING after {settings.LETTERS_TASK_GRACE_MINUTES} min")
        )
        retry_supporter_email(result)
        count += 1
    return count


# A supporter's email whose worker died with it is tried again: the task itself checks that
# it is still wanted (a confirmation only while the letter waits for it), and a second copy of
# an email that did go out before the crash is harmless. Letters to MPs are not retried here:
# requeue_stuck sends them again, with their Message-ID, once `sending` has timed out.
SUPPORTER_EMAIL_TASKS = {
    task.module_path: task
    for task in (
        pipeline.send_confirmation_email,
        pipeline.send_supporter_copy,
        pipeline.send_failure_notice,
    )
}


def retry_supporter_email(result):
    task = SUPPORTER_EMAIL_TASKS.get(result.task_path)
    if task is not None:
        task.enqueue(*result.args_kwargs.get("args", []))
