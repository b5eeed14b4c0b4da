"""Template tags of the letter tool: the letters-sent counter, a letter language's name."""

from django import template

from letters.counter import letters_sent_count
from letters.letter_language import LANGUAGE_NAMES
from letters.models import LetterCampaignPage

register = template.Library()


@register.simple_tag
def letter_counter(campaign_page, fresh=False):
    """The counter of a letter campaign: `{"count", "goal", "progress", "percent"}`, counted
    afresh when `fresh` (the thank-you page, letters/counter.py).

    None when `campaign_page` is missing or not a letter campaign, so a page can include the
    counter whatever its call-to-action points at."""
    if campaign_page is None:
        return None
    specific = getattr(campaign_page, "specific", campaign_page)
    if not isinstance(specific, LetterCampaignPage):
        return None
    count = letters_sent_count(specific, fresh=bool(fresh))
    goal = specific.goal or 0
    progress = min(count, goal)
    return {
        "count": count,
        "goal": goal,
        "progress": progress,
        "percent": round(100 * progress / goal) if goal else 0,
    }


@register.filter
def letter_language_name(code):
    """ "fr" → "French" in the reader's language (lower case in Russian, after a label)."""
    return LANGUAGE_NAMES.get(code, code)
