"""`{% mp_record mp %}`: the MP's stances and reply figures, for the letter tool's MP card.

The letter templates load this library; letters' Python code never imports replies."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from replies import figures
from replies.demands import current_demands

register = template.Library()


@register.inclusion_tag("replies/includes/mp_record.html")
def mp_record(mp):
    if mp is None:
        return {"mp": None}
    demands = current_demands(get_language())
    stances = figures.current_stances([mp.pk])
    rows = [(title, url, stances.get((mp.pk, demand.pk))) for demand, title, url in demands]
    known = [row for row in rows if row[2] is not None]
    return {
        "mp": mp,
        "stances": rows,
        "any_position": bool(known),
        "replies": figures.reply_figures([mp.pk]).get(mp.pk),
        "min_answers": settings.REPLY_MIN_ANSWERS,
    }
