"""`{% mp_record mp %}`: the MP's stances and reply figures, for the letter tool's MP card.

The letter templates load this library; letters' Python code never imports replies."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from core.routing import remembered
from replies import figures
from replies.demands import current_demands

register = template.Library()


@register.inclusion_tag("replies/includes/mp_record.html")
def mp_record(mp):
    if mp is None:
        return {"mp": None}
    # Stances, demands and public reply figures change only with a new content version (their
    # saves and counted answers bump it): read once per version and MP in this process.
    language = get_language()
    record = remembered(("mp_record", mp.pk, language), lambda: _record(mp.pk, language))
    return {"mp": mp, **record, "min_answers": settings.REPLY_MIN_ANSWERS}


def _record(mp_id, language):
    demands = current_demands(language)
    stances = figures.current_stances([mp_id])
    rows = [(title, url, stances.get((mp_id, demand.pk))) for demand, title, url in demands]
    return {
        "stances": rows,
        "any_position": any(row[2] is not None for row in rows),
        "replies": figures.reply_figures([mp_id]).get(mp_id),
    }
