"""The numbers the public sees: MPs' current stances, letters sent per riding, and reply
figures, which are shown for an MP only once REPLY_MIN_ANSWERS supporters have answered.

Everything here is a count per MP or per riding; nothing names or singles out a supporter."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count

from letters.models.letter import Letter

from .models.follow_up import Answer, FollowUp
from .models.stances import Position, Stance

# An answer "counts as a reply" when the office wrote back at all.
REPLIED_ANSWERS = (Answer.REPLIED, Answer.FORM_LETTER, Answer.ACKNOWLEDGED)


@dataclass
class ReplyFigures:
    """What supporters told us about one MP's replies."""

    counts: Counter = field(default_factory=Counter)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def shown(self):
        return self.total >= settings.REPLY_MIN_ANSWERS

    @property
    def expected(self):
        """Answers from supporters who expected a reply (the base of the percentages)."""
        return self.total - self.counts[Answer.NOT_EXPECTED]

    @property
    def replied(self):
        return sum(self.counts[answer] for answer in REPLIED_ANSWERS)

    @property
    def personal(self):
        return self.counts[Answer.REPLIED]

    @property
    def form_letter(self):
        return self.counts[Answer.FORM_LETTER]

    @property
    def percent_replied(self):
        return self.percent("replied")

    def percent(self, answer_or_group):
        base = self.expected
        if not base:
            return None
        count = self.replied if answer_or_group == "replied" else self.counts[answer_or_group]
        return round(100 * count / base)

    def rows(self):
        """(label, count) per answer, in the answers' order."""
        return [(label, self.counts[value]) for value, label in Answer.choices]


def reply_figures(mp_ids=None):
    """{mp_id: ReplyFigures} from every answered follow-up."""
    answered = FollowUp.objects.exclude(answer="")
    if mp_ids is not None:
        answered = answered.filter(mp_id__in=mp_ids)
    figures = defaultdict(ReplyFigures)
    for row in answered.values("mp_id", "answer").annotate(n=Count("pk")):
        figures[row["mp_id"]].counts[row["answer"]] = row["n"]
    return figures


def letters_sent_by_riding():
    """{fed_code: letters sent}, every campaign together."""
    rows = (
        Letter.objects.filter(status__in=Letter.COUNTED_AS_SENT)
        .values("riding_id")
        .annotate(n=Count("pk"))
    )
    return {row["riding_id"]: row["n"] for row in rows}


def current_stances(mp_ids=None):
    """{(mp_id, demand_id): Stance}, each MP's latest stance per demand."""
    stances = Stance.objects.current().select_related("source_reply")
    if mp_ids is not None:
        stances = stances.filter(mp_id__in=mp_ids)
    return {(stance.mp_id, stance.demand_id): stance for stance in stances}


def position_of(stances, mp_id, demand):
    stance = stances.get((mp_id, demand.pk))
    return stance.position if stance else Position.NO_POSITION


def summary(rows, demands, stances, key):
    """{group: Counter(position → MP-and-demand pairs)} for the chart, grouped by `key(row)`.
    Each sitting MP counts once per demand; a missing stance is "no public position"."""
    groups = defaultdict(Counter)
    for row in rows:
        mp = row["mp"]
        if mp is None:
            continue
        for demand, _title, _url in demands:
            groups[key(row)][position_of(stances, mp.pk, demand)] += 1
    return dict(sorted(groups.items()))
