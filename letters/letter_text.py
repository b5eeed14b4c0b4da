"""Filling a letter template's placeholders, and moving a letter between its two languages.

Plain string replacement, never `str.format`: a supporter's text may contain braces, and a
template must not be able to reach Python attributes (`{0.__class__}`)."""

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# "[Tell your MP who you are…]": a template's instruction to the supporter, never sent as is.
STORY_SLOT = re.compile(r"\[[^\[\]\n]{10,}\]")
MP_PLACEHOLDERS = ("mp_name", "mp_honorific", "riding", "salutation", "closing")
SUPPORTER_PLACEHOLDERS = ("supporter_name", "supporter_city", "supporter_postal_code")
LETTER_LANGUAGES = ("en", "fr")

# The French opening and closing by the MP's form of address (Canadian protocol: the title
# alone in the opening, repeated in the closing). Not known: «Bonjour» and the name, never a
# guessed «Madame» or «Monsieur».
FRENCH_SALUTATIONS = {
    "madame": "Madame la Députée,",
    "monsieur": "Monsieur le Député,",
    "": "Bonjour {mp_name},",
}
FRENCH_CLOSINGS = {
    "madame": "Veuillez agréer, Madame la Députée, l’expression de mes sentiments distingués.",
    "monsieur": "Veuillez agréer, Monsieur le Député, l’expression de mes sentiments distingués.",
    "": "Veuillez agréer l’expression de mes sentiments distingués.",
}
ENGLISH_SALUTATION = "Dear {mp_name},"
ENGLISH_CLOSING = "Sincerely,"


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


def salutation_and_closing(mp, letter_language):
    """The letter's opening and closing formula for this MP in `letter_language`."""
    if letter_language == "fr":
        form = mp.address_form
        salutation = FRENCH_SALUTATIONS.get(form, FRENCH_SALUTATIONS[""])
        closing = FRENCH_CLOSINGS.get(form, FRENCH_CLOSINGS[""])
    else:
        salutation, closing = ENGLISH_SALUTATION, ENGLISH_CLOSING
    return salutation.replace("{mp_name}", mp.name), closing


def mp_values(mp, riding, letter_language):
    """The MP placeholders, with the riding named in the letter's language."""
    salutation, closing = salutation_and_closing(mp, letter_language)
    return {
        "mp_name": mp.name,
        "mp_honorific": mp.honorific,
        "riding": riding.name_for_language(letter_language),
        "salutation": salutation,
        "closing": closing,
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


def normalise_newlines(text):
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


class Carried:
    """What happened to a supporter's letter when it moved to the other language."""

    UNCHANGED = "unchanged"  # it was the campaign's text: now the other language's
    OWN_PARAGRAPH = "own_paragraph"  # only the story slot was theirs: it moved with them
    REPLACED = "replaced"  # other edits: the campaign's text, the earlier letter kept aside


def move_to_other_language(body, old_template, new_template):
    """(new body, how it was carried) for a letter switched from one template to another.

    The supporter's own words in place of the story slot move to the same place in the new
    template. Edits to the campaign's own sentences cannot be translated: the new template is
    used, and the caller keeps the earlier letter for the supporter to copy from."""
    body, old_template = normalise_newlines(body).strip(), normalise_newlines(old_template)
    if body == old_template.strip():
        return new_template, Carried.UNCHANGED
    own = _own_paragraph(body, old_template)
    new_slots = story_slots(new_template)
    if own is not None and len(new_slots) == 1:
        before, _, after = new_template.partition(new_slots[0])
        moved = re.sub(r"\n{3,}", "\n\n", before + own + after)
        return moved, Carried.OWN_PARAGRAPH
    return new_template, Carried.REPLACED


def _own_paragraph(body, template):
    """What the supporter wrote in place of the template's one story slot, when the rest of
    the template is untouched; else None."""
    slots = story_slots(template)
    if len(slots) != 1:
        return None
    before, _, after = template.partition(slots[0])
    before, after = before.lstrip(), after.rstrip()
    if len(body) < len(before) + len(after):
        return None
    if body.startswith(before) and body.endswith(after):
        return body[len(before) : len(body) - len(after)]
    return None
