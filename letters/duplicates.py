"""Near-duplicates: the personal part (the letter minus the campaign's text) of many letters to
one MP should not be the same text pasted again and again (TRUST 28).

`near_duplicate_reason` is one step of `letters.screening.screen_submission`: it compares the
letter's word shingles, without the campaign's own text and the filled-in names, with the
letters written to the same MP in the last 24 hours."""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from letters.models.letter import Letter

WORD = re.compile(r"\w+")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
SHINGLE_SIZE = 3
# A personal part this small (a signature) says nothing about copying; it is never compared.
MIN_COMPARABLE_SHINGLES = 4
# Letters compared against: enough for a busy day for one MP, bounded so a POST stays fast.
MAX_LETTERS_COMPARED = 500


def words(text, drop=frozenset()):
    return [word for word in WORD.findall(str(text).lower()) if word not in drop]


def shingles(tokens):
    return {
        tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(max(len(tokens) - SHINGLE_SIZE + 1, 0))
    }


def campaign_shingles(campaign):
    """Shingles of the campaign's letter texts with their placeholders left out."""
    texts = [campaign.letter_body_en, campaign.letter_body_fr, campaign.reference_body]
    found = set()
    for text in texts:
        for segment in PLACEHOLDER.split(text or ""):
            found |= shingles(words(segment))
    return found


def filled_in_words(mp, *values):
    """Words the placeholders are replaced by: the MP's and riding's names and the sender's."""
    parts = [mp.name, mp.honorific, mp.riding.name_en, mp.riding.name_fr, *values]
    return frozenset(word for part in parts for word in words(part or ""))


def personal_tokens(body, template, drop):
    """The letter's words, without placeholder values, and the shingles not in the template."""
    tokens = words(body, drop)
    return tokens, shingles(tokens) - template


def jaccard(first, second):
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def longest_new_run(tokens, known):
    """The longest run of words whose shingles appear in none of `known` (a new paragraph)."""
    longest = current = 0
    for i in range(max(len(tokens) - SHINGLE_SIZE + 1, 0)):
        if tuple(tokens[i : i + SHINGLE_SIZE]) in known:
            current = 0
        else:
            current += 1
            longest = max(longest, current + SHINGLE_SIZE - 1)
    return longest


def near_duplicate_reason(cleaned_data, *, mp, campaign, sender):
    """A hold reason when enough recent letters to this MP share this letter's personal part."""
    template = campaign_shingles(campaign)
    drop = filled_in_words(
        mp,
        cleaned_data.get("first_name"),
        cleaned_data.get("last_name"),
        cleaned_data.get("city"),
        cleaned_data.get("postal_code"),
    )
    tokens, personal = personal_tokens(cleaned_data.get("body", ""), template, drop)
    if len(personal) < MIN_COMPARABLE_SHINGLES:
        return ""
    recent = (
        Letter.objects.filter(mp=mp, created_at__gte=timezone.now() - timedelta(days=1))
        .exclude(sender_hash=sender)
        .exclude(status=Letter.Status.EXPIRED)
        .only("body", "first_name", "last_name", "city", "postal_code")
        .order_by("-created_at")[:MAX_LETTERS_COMPARED]
    )
    similar = []
    for letter in recent:
        other_drop = filled_in_words(
            mp, letter.first_name, letter.last_name, letter.city, letter.postal_code
        )
        _tokens, other = personal_tokens(letter.body, template, other_drop)
        if jaccard(personal, other) >= settings.LETTER_DUPLICATE_SIMILARITY:
            similar.append(other)
    if len(similar) < settings.LETTER_DUPLICATES_BEFORE_HOLD:
        return ""
    known = template.union(*similar)
    if longest_new_run(tokens, known) >= settings.LETTER_PERSONAL_WORDS_NEVER_HELD:
        return ""
    return (
        f"Near-duplicate: the personal part matches {len(similar)} letters to this MP in 24 hours."
    )
