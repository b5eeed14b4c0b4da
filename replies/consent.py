"""The wording of the "ask me whether my MP replied" consent. Change the text, change the
version: every stored consent says which words the supporter agreed to."""

from django.utils.translation import gettext

REPLY_FOLLOW_UP_VERSION = "replies-2026-12-v1"


def reply_follow_up_consent_text():
    return gettext(
        "Ask me in two weeks whether my MP replied. One short email, with one-click answers; "
        "we count the answers per MP and never publish who answered."
    )
