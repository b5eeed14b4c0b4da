"""Comparing riding and MP names the way people type them; party names in the reader's language."""

import unicodedata

from django.utils.translation import pgettext_lazy

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


def searchable_text(text):
    """Lower-case, without accents or dashes: "Montréal—Lac" and "montreal lac" compare equal."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    spaced = "".join(" " if unicodedata.category(char)[0] in "PZ" else char for char in bare)
    return " ".join(spaced.casefold().split())


# Party names as the House of Commons and Represent give them, and the name each reads as in
# the reader's language (Russian press usage: «Либеральная партия», «Блок Кебека»…). A name
# not listed here is shown as it came.
PARTY_NAMES = {
    "liberal": pgettext_lazy("party", "Liberal"),
    "liberal party": pgettext_lazy("party", "Liberal"),
    "liberal party of canada": pgettext_lazy("party", "Liberal"),
    "conservative": pgettext_lazy("party", "Conservative"),
    "conservative party": pgettext_lazy("party", "Conservative"),
    "conservative party of canada": pgettext_lazy("party", "Conservative"),
    "ndp": pgettext_lazy("party", "NDP"),
    "new democratic party": pgettext_lazy("party", "NDP"),
    "bloc québécois": pgettext_lazy("party", "Bloc Québécois"),
    "bloc quebecois": pgettext_lazy("party", "Bloc Québécois"),
    "green party": pgettext_lazy("party", "Green Party"),
    "green party of canada": pgettext_lazy("party", "Green Party"),
    "independent": pgettext_lazy("party", "Independent"),
}


def party_name(party):
    """A party's name in the active language ("" for none)."""
    party = (party or "").strip()
    return str(PARTY_NAMES.get(party.casefold(), party))
