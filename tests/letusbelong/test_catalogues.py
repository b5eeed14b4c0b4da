"""Every Russian catalogue is complete: no empty and no fuzzy entry, and every placeholder of
the English is in the Russian (the apps', the project's, and the overrides of wagtail-localize's
strings in translations/third_party_locale)."""

import re

import polib
import pytest

from core.management.commands.compile_translations import catalogues

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")
CATALOGUES = catalogues()


def test_the_overrides_and_every_app_have_a_catalogue():
    names = {"/".join(path.parts[-5:]) for path in CATALOGUES}
    assert "translations/third_party_locale/ru/LC_MESSAGES/djangojs.po" in names
    for app in ("home", "campaign", "letters", "directory", "privacy", "accounts", "translations"):
        assert f"{app}/locale/ru/LC_MESSAGES/django.po" in names, app


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-5:]))
def test_no_string_is_left_untranslated_or_fuzzy(path):
    po = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {path}: {untranslated}"
    assert not fuzzy, f"fuzzy in {path}: {fuzzy}"
    for entry in po.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        expected = set(PLACEHOLDER.findall(entry.msgid))
        for text in translations:
            missing = expected - set(PLACEHOLDER.findall(text))
            if entry.msgid_plural:
                missing.discard("%(counter)s")  # Russian may spell the number out in the one form
            assert not missing, f"{path}: {entry.msgid!r} lacks {missing} in {text!r}"
