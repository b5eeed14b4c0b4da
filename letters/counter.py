"""The letters-sent counter on the campaign's pages.

The count is cached briefly (COUNTER_CACHE_SECONDS) because every campaign page shows it. A
letter that starts or stops counting (sent, delivered, bounced) drops the cached figure once its
transaction commits (`Letter.transition`), so with a shared cache
(Redis) the next page shows it at once. The thank-you page asks for a fresh count
(`fresh=True`): it is the page where the supporter looks for their own letter, and it must
count it even where each process keeps its own cache (a local-memory cache is not reached by
the task worker that sent the letter)."""

from django.core.cache import cache

from letters.models.letter import Letter, sent_count_cache_key

COUNTER_CACHE_SECONDS = 30


def letters_sent_count(campaign_page, *, fresh=False):
    """Letters sent for this campaign in every language (one translation_key), cached briefly
    unless `fresh`. A letter counts once sent (sent or delivered) and stops counting if it
    bounces."""
    key = sent_count_cache_key(campaign_page.translation_key)
    count = None if fresh else cache.get(key)
    if count is None:
        count = (
            Letter.objects.counted_as_sent()
            .filter(campaign__translation_key=campaign_page.translation_key)
            .count()
        )
        cache.set(key, count, COUNTER_CACHE_SECONDS)
    return count
