"""Sending a transactional email to a supporter (confirmation, copy, notices), with retries.

Used by the pipeline's tasks, letters/repeats.py and letters/tracking.py."""

import logging
from datetime import timedelta

from django.utils import timezone

from privacy import suppression

from . import outgoing
from .outgoing import describe_failure, is_permanent_failure

logger = logging.getLogger("letters.pipeline")  # the name log monitoring already follows

GIVE_UP_AFTER = timedelta(hours=24)
# A supporter waits for their confirmation email: retry soon after a brief outage, then every
# 5 minutes. The delay grows with the letter's age, so a task needs no attempt counter.
SUPPORTER_MAIL_FIRST_RETRY = timedelta(seconds=15)
SUPPORTER_MAIL_RETRY_DELAY = timedelta(minutes=5)


def send_to_supporter(this_task, letter, message):
    """Send a transactional email; on a transient failure try again, sooner while the letter is
    new (see SUPPORTER_MAIL_FIRST_RETRY), for a day. Nothing goes to an address erased or
    suppressed (bounced, marked as spam) since the letter was written, or already blanked."""
    if not letter.email or suppression.blocks(letter.sender_hash, letter.created_at):
        return "suppressed"
    try:
        outgoing.send(message)
    except Exception as error:  # noqa: BLE001
        reason = describe_failure(error)
        if is_permanent_failure(error) or timezone.now() - letter.created_at > GIVE_UP_AFTER:
            logger.warning("Letter %s: supporter email given up: %s", letter.pk, reason)
            return "given up"
        logger.warning("Letter %s: supporter email will be retried: %s", letter.pk, reason)
        this_task.using(run_after=timezone.now() + supporter_mail_retry_delay(letter)).enqueue(
            letter.pk
        )
        return "retry"
    return "sent"


def supporter_mail_retry_delay(letter):
    """A quarter of the letter's age, between 15 seconds and 5 minutes."""
    age = timezone.now() - letter.created_at
    return min(max(age / 4, SUPPORTER_MAIL_FIRST_RETRY), SUPPORTER_MAIL_RETRY_DELAY)
