"""Comparing riding and MP names the way people type them."""

import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def searchable_text(text):
    """Lower-case, without accents or dashes: "Montréal—Lac" and "montreal lac" compare equal."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    spaced = "".join(" " if unicodedata.category(char)[0] in "PZ" else char for char in bare)
    return " ".join(spaced.casefold().split())
