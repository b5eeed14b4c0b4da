"""The letters-sent counter on the campaign's pages."""

from django.core.cache import cache

from letters.models.letter import Letter


def letters_sent_count(campaign_page):
    """Letters sent for this campaign in every language (one translation_key), cached briefly.
    A letter counts once sent (sent or delivered) and stops counting if it bounces."""
    key = f"letters:sent-count:{campaign_page.translation_key}"
    count = cache.get(key)
    if count is None:
        count = (
            Letter.objects.counted_as_sent()
            .filter(campaign__translation_key=campaign_page.translation_key)
            .count()
        )
        cache.set(key, count, 30)
    return count
