"""The vocabulary of the site's content in code.

Every translatable text is a `T(english, russian)` pair, so both languages are written side by
side and keep the same structure; the loader builds the English pages from the first half and
hands the second half to wagtail-localize as the Russian translation.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """One text in English and Russian."""

    en: str
    ru: str


@dataclass(frozen=True)
class Element:
    """A rich-text element holding one text: `P(text)` is a <p>, `H3(text)` an <h3>."""

    tag: str
    text: T


@dataclass(frozen=True)
class UL:
    """A rich-text bulleted list: `bullets(T(…), T(…))`."""

    items: tuple


@dataclass(frozen=True)
class Rich:
    """Rich text made of paragraphs, subheadings and lists: `rich(P(…), bullets(…))`."""

    parts: tuple


@dataclass(frozen=True)
class Stream:
    """A StreamField value, (block type, value) pairs: `stream(paragraph(…), heading(…))`."""

    blocks: tuple


# The constructors content modules write with; P and H3 are named like the elements they make.
def P(text):
    return Element("p", text)


def H3(text):
    return Element("h3", text)


def rich(*parts):
    return Rich(parts)


def bullets(*items):
    return UL(items)


def stream(*blocks):
    return Stream(blocks)


def paragraph(*parts):
    return ("paragraph", Rich(parts))


def heading(en, ru):
    return ("heading", {"text": T(en, ru)})
