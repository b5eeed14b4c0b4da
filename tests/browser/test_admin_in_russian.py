"""The admin is wholly Russian for users who chose Russian: a walk through the main screens of
a translator, an editor and a data steward finds no English interface text (content, proper
names and the source text a translator translates are allowed), and the two-factor pages follow
the admin language, not the browser's.

The screens: dashboard, page explorer, page editor (an editor's), translation editor of a page
and of the navigation, the navigation list, the translation status report, the letters list
and its inspect view, the letter totals, and two-factor enrolment."""

import re

import pytest
from wagtail.models import Page
from wagtail_localize.models import String

from campaign.models import NewsPage, SiteNavigation, StandardPage
from directory.models import MemberOfParliament, Riding
from letters.models import Letter, LetterCampaignPage
from tests.factories import SubmittedLetterFactory

from .admin import make_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Interface text: what the admin writes around the content.
UI_SELECTOR = ", ".join(
    [
        "label",
        "button",
        "th",
        "h1",
        "h2",
        "h3",
        "legend",
        "[role=tab]",
        ".help-block",
        ".w-help-text",
        ".help",
        ".sidebar-menu-item__label",
        ".w-field__label",
        ".messages li",
        "footer a",
        "nav[aria-label] a",
        ".w-sr-only",
        "option",
        "caption",
        ".w-panel__heading",
        ".c-sf-block__type",
        ".w-dropdown__content a",
        "summary",
    ]
)
# What a person sees, or a screen reader reads (visually hidden text); not hidden templates.
COLLECT = """selector => Array.from(document.querySelectorAll(selector))
    .map(element => element.closest('.w-sr-only') ? (element.textContent || '').trim()
        : element.checkVisibility() ? (element.innerText || '').trim() : '')
    .filter(text => text.length > 0)"""
# Names and codes that are the same in Russian.
PROPER = {
    "let",
    "us",
    "belong",
    "wagtail",
    "po",
    "fed",
    "url",
    "mp",
    "id",
    "html",
    "csv",
    "xlsx",
    "america",
    "toronto",
    "message",
    "esp",
    "totp",
    "jpeg",
    "png",
    "gif",
    "svg",
    "pdf",
    "translator",
    "editor",
    "steward",
    "example",
    "org",
    "pm",
    "am",
    "est",
    "edt",
    "seo",
}
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def content_texts():
    """What people wrote (content, names): allowed to be English."""
    texts = set(Page.objects.values_list("title", flat=True))
    texts |= set(String.objects.values_list("data", flat=True))
    texts |= set(MemberOfParliament.objects.values_list("name", flat=True))
    texts |= set(Riding.objects.values_list("name_en", flat=True))
    texts |= {str(navigation) for navigation in SiteNavigation.objects.all()}
    texts |= set(Letter.objects.values_list("subject", flat=True))
    return {text.strip() for text in texts if text}


def english_interface(page, content):
    found = []
    for text in page.evaluate(COLLECT, UI_SELECTOR):
        if re.search("[А-Яа-яЁё]", text):
            continue
        if any(text in written or written in text for written in content if len(written) > 3):
            continue
        words = {word.lower() for word in ENGLISH_WORD.findall(text)} - PROPER
        if words:
            found.append(text)
    return sorted(set(found))


def walk(admin, paths, content):
    english = {}
    for path in paths:
        admin.goto(path)
        admin.page.wait_for_load_state("networkidle")
        leftovers = english_interface(admin.page, content)
        if leftovers:
            english[path] = leftovers
    return english


def test_a_russian_admin_has_no_english_interface(admin_visit):
    english_about = StandardPage.objects.get(slug="about", locale__language_code="en")
    russian_about = english_about.get_translation(
        english_about.locale.__class__.objects.get(language_code="ru")
    )
    russian_navigation = SiteNavigation.objects.get(locale__language_code="ru")
    campaign = LetterCampaignPage.objects.get(locale__language_code="en")
    letter = SubmittedLetterFactory(
        campaign=campaign, mp=MemberOfParliament.objects.order_by("pk").first()
    )
    content = content_texts() | {letter.email, letter.supporter_name, letter.city}

    translator = make_admin_user("translator", "Translators", language="ru")
    admin = admin_visit(translator)
    found = walk(
        admin,
        [
            "/admin/",
            f"/admin/pages/{russian_about.get_parent().pk}/",
            f"/admin/pages/{russian_about.pk}/edit/",
            f"/admin/snippets/campaign/sitenavigation/edit/{russian_navigation.pk}/",
            "/admin/snippets/campaign/sitenavigation/",
            "/admin/translation-status/?all=1",
        ],
        content,
    )

    editor = make_admin_user("editor", "Editors", language="ru")
    admin = admin_visit(editor)
    news = NewsPage.objects.filter(locale=english_about.locale).first()
    found |= walk(
        admin,
        [
            f"/admin/pages/{english_about.pk}/edit/",
            f"/admin/pages/{news.pk}/edit/",
            f"/admin/pages/{english_about.get_parent().pk}/edit/",
            f"/admin/pages/{campaign.pk}/edit/",
            "/admin/",
        ],
        content,
    )

    admin.goto(f"/admin/pages/{news.pk}/edit/")
    labels = admin.page.inner_text("main")
    assert "Описание изображения (alt-текст)" in labels and "Кратко" in labels

    steward = make_admin_user("steward", "Data stewards", language="ru")
    admin = admin_visit(steward)
    found |= walk(
        admin,
        ["/admin/letters/", f"/admin/letters/inspect/{letter.pk}/", "/admin/campaign-totals/"],
        content,
    )
    assert not found, "\n".join(f"{path}: {texts}" for path, texts in found.items())


def test_two_factor_pages_follow_the_admin_language(admin_visit, settings):
    translator = make_admin_user("translator2fa", "Translators", language="ru")
    admin = admin_visit(translator)  # the browser asks for English (en-CA)
    settings.ADMIN_REQUIRE_2FA = True
    admin.goto("/admin/")
    admin.page.wait_for_url("**/admin/2fa/enrol/**")
    assert admin.page.locator("html").get_attribute("lang") == "ru"
    assert not english_interface(admin.page, {translator.username})
    admin.check("two-factor-enrol-ru")
