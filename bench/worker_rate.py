"""The task worker's delivery rate, measured on its own (for `make bench`).

The queue holds only the N letters: nothing else is waiting (checked before), the letters are
queued in one transaction as a confirmation would queue them (status `queued`, a send task
each), and the clock runs from that commit until the SMTP sink has received every one of them,
counted at the sink by the letter's Message-ID. The supporters' copies that the worker sends
after each letter are timed separately (`copies_done_s`): they are part of the worker's load
but not of "letters delivered".
"""

import time

SINK_TIMEOUT_SECONDS = 180


def queue_is_empty():
    from django_tasks_db.models import DBTaskResult

    return not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def wait_for_empty_queue(timeout=120):
    deadline = time.monotonic() + timeout
    while not queue_is_empty():
        if time.monotonic() > deadline:
            raise RuntimeError("the task queue did not empty before the worker measurement")
        time.sleep(0.2)


def queue_letters(count):
    """`count` letters to as many different MPs (round robin), queued in one transaction."""
    from django.db import transaction

    from directory.models import MemberOfParliament
    from letters import pipeline
    from letters.models import LetterCampaignPage

    campaign = LetterCampaignPage.objects.live().filter(locale__language_code="en").first()
    # Straight to the queue, as after a confirmation (only this in-memory copy is changed).
    campaign.require_confirmation = False
    mps = [mp for mp in MemberOfParliament.objects.filter(active=True) if mp.can_receive_letters]
    with transaction.atomic():
        letters = [
            pipeline.submit_letter(
                campaign=campaign,
                mp=mps[number % len(mps)],
                language="en",
                letter_language="en",
                subject="Let us belong",
                body=f"Dear MP,\n\nPlease end immigration discrimination ({number}).\n\nSam",
                first_name="Sam",
                last_name=f"Worker{number}",
                email=f"worker-bench-{number}@example.org",
                street_address="1 Queen Street West",
                city="Toronto",
                postal_code="M5V 3L9",
                wants_updates=False,
                consent_wordings={"send_letter": ("1", "send"), "campaign_updates": ("1", "no")},
            )
            for number in range(count)
        ]
    return letters


def measure(sink, count):
    """Letters per second from the commit that queues `count` letters until the sink has them
    all. Returns a dict with the figures; `letters_per_s` counts only letters that arrived."""
    wait_for_empty_queue()
    before = len(sink.messages)
    letters = queue_letters(count)
    started = time.monotonic()
    wanted = {letter.message_id.strip("<>") for letter in letters}
    copies_to = {letter.email for letter in letters}
    arrived = set()
    deadline = started + SINK_TIMEOUT_SECONDS
    done_at = None
    copies_done_at = None
    duplicates = 0
    while time.monotonic() < deadline:
        messages = sink.messages[before:]
        ids = [(message["Message-ID"] or "").strip("<>") for message in messages]
        arrived = wanted.intersection(ids)
        if done_at is None and len(arrived) == len(wanted):
            done_at = time.monotonic()
            duplicates = sum(1 for message_id in ids if message_id in wanted) - len(wanted)
        copies = sum(1 for message in messages if copies_to.intersection(message.envelope_to))
        if done_at is not None and copies >= count:
            copies_done_at = time.monotonic()
            break
        time.sleep(0.05)
    elapsed = (done_at or time.monotonic()) - started
    return {
        "letters": count,
        "arrived": len(arrived),
        "duplicates": duplicates,
        "seconds": round(elapsed, 2),
        "letters_per_s": round(len(arrived) / elapsed, 1),
        "copies_done_s": round(copies_done_at - started, 2) if copies_done_at else None,
    }
