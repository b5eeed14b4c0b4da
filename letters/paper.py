"""The letter on paper (`letters.views.print_letter`): how it is addressed and dated, in the
letter's own language, following each language's letter conventions."""

from django.utils import timezone

# Where MPs receive paper mail, free of postage, in the letter's language.
HOUSE_OF_COMMONS_ADDRESS = {
    "en": ("House of Commons", "Ottawa ON  K1A 0A6"),
    "fr": ("Chambre des communes", "Ottawa (Ontario)  K1A 0A6"),
}
FRENCH_HONORIFICS = {"Hon.": "L’honorable", "Right Hon.": "Le très honorable"}
FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
NBSP = "\u00a0"


def recipient(mp, language):
    """The first line of the address: "Hon. Jane Doe, MP", or in French «Madame Jeanne Dupont,
    députée», «L’honorable Jean Dupont, député», «Jean Dupont» when the form of address is not
    known (a French letter names the function only with the right gender)."""
    if language != "fr":
        return " ".join(part for part in (mp.honorific, mp.name) if part) + ", MP"
    title = FRENCH_HONORIFICS.get(mp.honorific.strip(), "")
    form = mp.address_form
    if not title:
        title = {"madame": "Madame", "monsieur": "Monsieur"}.get(form, "")
    function = {"madame": ", députée", "monsieur": ", député"}.get(form, "")
    return " ".join(part for part in (title, mp.name) if part) + function


def dated(letter):
    """The date line: "18 November 2026", or «Montréal, le 1er décembre 2026» in French."""
    day = timezone.localdate(letter.created_at)
    if letter.letter_language != "fr":
        return f"{day.day} {day.strftime('%B')} {day.year}"
    number = "1er" if day.day == 1 else str(day.day)
    date = f"le {number} {FRENCH_MONTHS[day.month - 1]} {day.year}"
    return f"{letter.city}, {date}" if letter.city else date.capitalize()


def subject_line(letter):
    """The subject as French letters print it («Objet : …»); English letters print it alone."""
    if letter.letter_language == "fr":
        return f"Objet{NBSP}: {letter.subject}"
    return letter.subject


def paper_context(letter):
    language = "fr" if letter.letter_language == "fr" else "en"
    return {
        "recipient": recipient(letter.mp, language),
        "house_of_commons": HOUSE_OF_COMMONS_ADDRESS[language],
        "dated": dated(letter),
        "subject_line": subject_line(letter),
    }
