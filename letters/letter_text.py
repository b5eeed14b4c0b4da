"""Filling a letter template's placeholders.

Plain string replacement, never `str.format`: a supporter's text may contain braces, and a
template must not be able to reach Python attributes (`{0.__class__}`)."""

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# "[Tell your MP who you are…]": a template's instruction to the supporter, never sent as is.
STORY_SLOT = re.compile(r"\[[^\[\]\n]{10,}\]")
MP_PLACEHOLDERS = ("mp_name", "mp_honorific", "riding")
SUPPORTER_PLACEHOLDERS = ("supporter_name", "supporter_city", "supporter_postal_code")


def fill_placeholders(text, values):
    """Replace each `{name}` whose name is in `values`; others stay as they are.

    An empty value takes one following space with it, so "Dear {mp_honorific} {mp_name}" reads
    "Dear Jane Doe" when the MP has no honorific."""
    for name, value in values.items():
        if value:
            text = text.replace("{" + name + "}", str(value))
        else:
            text = re.sub(r"\{" + re.escape(name) + r"\} ?", "", text)
    return text


def unfilled_placeholders(text):
    """The `{name}` tokens still in `text`, in order, without repeats."""
    return list(dict.fromkeys(match.group(0) for match in PLACEHOLDER.finditer(text)))


def mp_values(mp, riding, letter_language):
    """The MP placeholders, with the riding named in the letter's language."""
    return {
        "mp_name": mp.name,
        "mp_honorific": mp.honorific,
        "riding": riding.name_for_language(letter_language),
    }


def supporter_values(*, first_name, last_name, city, postal_code):
    return {
        "supporter_name": f"{first_name} {last_name}".strip(),
        "supporter_city": city,
        "supporter_postal_code": postal_code,
    }


def story_slots(template_body):
    """The bracketed instructions in a letter template."""
    return [match.group(0) for match in STORY_SLOT.finditer(template_body)]
