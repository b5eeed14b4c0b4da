"""The note under each translated string in the translation editor ("Translated manually on
2 December 2026") writes its date with `strftime`, so always in English. Here it is written in
the admin's language ("Переведено вручную: 2 декабря 2026 г."); the sentence itself comes from
the catalogue as before."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail_localize.models import StringTranslation


def localized_comment(string_translation):
    """StringTranslation.get_comment, with the date in the active language's format."""
    date = formats.date_format(timezone.localtime(string_translation.updated_at), "DATE_FORMAT")
    if string_translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def localize_translation_comments():
    StringTranslation.get_comment = localized_comment
