"""The reply loop in tests: a movable clock, sent letters with or without the follow-up
consent, and the follow-up tasks the sweeper enqueued.

Fixtures:
- `clock`: `core.clock` for this test (and any worker started with `clock.env`): `clock.advance(
  days=14)` moves "now" forward in this process and in that worker, at once.
- `sent_letter(ask=True, **overrides)`: a letter through `make_letter`, confirmed and marked
  sent now; `ask` ticks "ask me in two weeks whether my MP replied".
- `queued_follow_ups()`: [(follow-up id, round)] of the send_follow_up tasks waiting.
- `stand_site` (needs `db` or `transactional_db`): `letter_site` (letter pages EN/RU, the real
  MP directory) plus a demands page with two demands and the "Where MPs stand" page in English
  and Russian; returns {"demands": page, "stand": page}.
- `demand_block(anchor, title)`: a raw "demand" block for a DemandsPage's StreamField.
- `run_follow_up_tasks()`: runs those tasks in this process (as the worker would), returns
  their results.
"""

import uuid

import pytest
from django.utils import timezone
from wagtail.models import Locale

from tests.factories.letters import CONSENT_WORDINGS

REPLY_WORDING = ("replies-test", "Ask me in two weeks whether my MP replied.")


class Clock:
    """A file holding the seconds that `core.clock.now()` adds (settings.CLOCK_OFFSET_FILE)."""

    def __init__(self, path):
        self.path = path
        self.seconds = 0.0
        self.path.write_text("0")

    @property
    def env(self):
        return {"TEST_CLOCK_OFFSET_FILE": str(self.path)}

    def advance(self, *, days=0, hours=0):
        self.seconds += days * 86400 + hours * 3600
        self.path.write_text(str(self.seconds))


@pytest.fixture
def clock(settings, tmp_path):
    settings.CLOCK_OFFSET_FILE = str(tmp_path / "clock-offset")
    return Clock(tmp_path / "clock-offset")


@pytest.fixture
def sent_letter(make_letter):
    from letters.models import Letter

    def make(*, ask=True, **overrides):
        letter = make_letter(
            confirm=True,
            consent_wordings=CONSENT_WORDINGS | {"reply_follow_up": REPLY_WORDING},
            optional_consents=["reply_follow_up"] if ask else [],
            **overrides,
        )
        Letter.objects.filter(pk=letter.pk).update(
            status=Letter.Status.SENT, sent_at=timezone.now()
        )
        letter.refresh_from_db()
        return letter

    return make


def queued_follow_ups():
    from django_tasks_db.models import DBTaskResult

    from replies.follow_ups import send_follow_up

    rows = DBTaskResult.objects.filter(
        task_path=send_follow_up.module_path, status="READY"
    ).order_by("enqueued_at")
    return [tuple(row.args_kwargs["args"]) for row in rows]


def run_follow_up_tasks():
    """Run the waiting follow-up tasks here, as the worker would, and mark them done."""
    from django_tasks_db.models import DBTaskResult

    from replies.follow_ups import send_follow_up

    results = []
    rows = DBTaskResult.objects.filter(task_path=send_follow_up.module_path, status="READY")
    for row in rows.order_by("enqueued_at"):
        results.append(send_follow_up.call(*row.args_kwargs["args"]))
        DBTaskResult.objects.filter(pk=row.pk).update(status="SUCCESSFUL")
    return results


def demand_block(anchor, title, block_id=None):
    return {
        "type": "demand",
        "id": block_id or str(uuid.uuid4()),
        "value": {"title": title, "anchor": anchor, "summary": "s", "explanation": "<p>e</p>"},
    }


@pytest.fixture
def stand_site(letter_site):
    """The letter pages, the real MP directory, a demands page and the Where MPs stand page."""
    from campaign.models import DemandsPage
    from replies.models import WhereMPsStandPage

    home = letter_site["en"].get_parent()
    demands = DemandsPage(
        title="Our demands",
        slug="demands",
        demands=[
            demand_block("military-service", "Conscription is not a threat"),
            demand_block("ordinary-jobs", "An ordinary job is not complicity"),
        ],
    )
    home.add_child(instance=demands)
    demands.save_revision().publish()
    stand = WhereMPsStandPage(title="Where MPs stand", slug="where-mps-stand")
    home.add_child(instance=stand)
    stand.save_revision().publish()
    ru = Locale.objects.get(language_code="ru")
    translated = stand.copy_for_translation(ru)
    translated.title = "Позиции депутатов"
    translated.save_revision().publish()
    return {"demands": demands, "stand": stand}
