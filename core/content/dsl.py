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
class P:
    """A rich-text paragraph."""

    text: T


@dataclass(frozen=True)
class H3:
    """A rich-text subheading."""

    text: T


@dataclass(frozen=True)
class UL:
    """A rich-text bulleted list."""

    items: tuple


@dataclass(frozen=True)
class Rich:
    """Rich text made of paragraphs, subheadings and lists."""

    parts: tuple


def rich(*parts):
    return Rich(parts)


def bullets(*items):
    return UL(items)


@dataclass(frozen=True)
class Stream:
    """A StreamField value: (block type, value) pairs."""

    blocks: tuple


def stream(*blocks):
    return Stream(blocks)


def paragraph(*parts):
    return ("paragraph", Rich(parts))


def heading(en, ru):
    return ("heading", {"text": T(en, ru)})
