"""The campaign's pages and navigation, in English and Russian, fed to `load_campaign_content`.

The texts live beside this module (demands.py, faq.py, news.py, pages.py); the steps below put
them in the tree under the home page (home/content.py) and link to the letter page
(letters/content.py) when the loader has one.
"""

from campaign.models import (
    DemandsPage,
    FAQPage,
    NewsIndexPage,
    NewsPage,
    SiteNavigation,
    StandardPage,
)
from core.content.dsl import P, Stream, T, paragraph, rich
from core.content.registry import content_step

from .demands import DEMANDS
from .faq import FAQ
from .news import NEWS, NEWS_INDEX
from .pages import ABOUT, CONTACT, PRIVACY

DEMANDS_CLOSING = paragraph(
    P(
        T(
            "Urge your MP to stand up for fairness, transparency, and the Canada "
            "that welcomes — not rejects — people seeking safety and freedom.",
            "Призовите своего депутата отстаивать справедливость, прозрачность и "
            "ту Канаду, которая принимает, а не отвергает людей, ищущих "
            "безопасности и свободы.",
        )
    )
)

NAVIGATION_FOOTER_TEXT = rich(
    P(
        T(
            "Let Us Belong is a volunteer campaign for fair treatment of newcomers in Canada’s "
            "immigration system.",
            "Let Us Belong — волонтёрская кампания за справедливое отношение к новоприбывшим в "
            "иммиграционной системе Канады.",
        )
    )
)


def link(page, text):
    """A LinkBlock value pointing at a page."""
    return {"text": text, "page": page.pk, "external_url": ""}


def call_to_action(letter_page):
    return (
        "call_to_action",
        {
            "text": T(
                "Send a letter to your representative now.",
                "Отправьте письмо своему депутату прямо сейчас.",
            ),
            "link": link(letter_page, T("Write to your MP", "Написать депутату")),
        },
    )


@content_step(order=40)
def campaign_pages(loader):
    """The demands, FAQ, news, about, privacy and contact pages, then the navigation."""
    pages = loader.pages
    home = pages["home"]
    letter = pages.get("letter")
    demands = dict(DEMANDS)
    demands["closing"] = Stream(
        (DEMANDS_CLOSING, call_to_action(letter)) if letter else (DEMANDS_CLOSING,)
    )
    pages["demands"] = loader.page(home, DemandsPage, "demands", demands, "demands")
    pages["faq"] = loader.page(home, FAQPage, "faq", FAQ, "faq")
    pages["news"] = loader.page(home, NewsIndexPage, "news", NEWS_INDEX, "news")
    for item in NEWS if pages["news"] is not None else ():
        spec = {name: value for name, value in item.items() if name != "slug"}
        loader.page(pages["news"], NewsPage, item["slug"], spec, f"news.{item['slug']}")
    pages["about"] = loader.page(home, StandardPage, "about", ABOUT, "about")
    pages["privacy"] = loader.page(home, StandardPage, "privacy", PRIVACY, "privacy")
    pages["contact"] = loader.page(home, StandardPage, "contact", CONTACT, "contact")
    navigation(loader)


def navigation(loader):
    """The header menu and the footer, and their Russian translation. A page people deleted
    is left out of them."""
    pages = loader.pages
    menu = [
        (pages["demands"], T("Our demands", "Наши требования")),
        (pages.get("letter"), T("Write to your MP", "Написать депутату")),
        (pages.get("where_mps_stand"), T("Where MPs stand", "Позиции депутатов")),
        (pages["news"], T("News", "Новости")),
        (pages["faq"], T("FAQ", "Вопросы и ответы")),
        (pages["about"], T("About", "О нас")),
    ]
    footer = [
        (pages["about"], T("About us", "О нас")),
        (pages["contact"], T("Contact", "Контакты")),
    ]
    spec = {
        "menu": Stream(tuple(("link", link(page, label)) for page, label in menu if page)),
        "footer_text": NAVIGATION_FOOTER_TEXT,
        "footer_links": Stream(
            tuple(("link", link(page, label)) for page, label in footer if page)
        ),
    }
    extra = {"privacy_page": pages["privacy"]}
    loader.snippet(SiteNavigation, spec, "navigation", extra, label="navigation")


@content_step(order=91)
def news_translation_source(loader):
    """Its news were added since: record the final state in its translation source."""
    if loader.pages["news"] is not None:
        loader.translate(loader.pages["news"], NEWS_INDEX, "news")
