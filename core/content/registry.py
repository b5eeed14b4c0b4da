"""How each app feeds its content to `load_campaign_content`.

An app's `content` module registers functions that take the `ContentLoader`:

    from core.content.registry import content_step

    @content_step(order=40)
    def campaign_pages(loader):
        home = loader.pages["home"]
        loader.pages["faq"] = loader.page(home, FAQPage, "faq", FAQ, "faq")

Steps run in `order`; they share `loader.pages` (name → English page), which is how one app's
page links to another's without importing it. The orders in use: 10 home page and site,
20 letter campaign, 30 home's call to action, 40 campaign pages and navigation, 90 and 91
final translation sources of the home and news pages.
"""

from django.utils.module_loading import autodiscover_modules

_steps = []


def content_step(order):
    """Register the decorated function as a content step run at `order`."""

    def register(function):
        if all(registered is not function for _order, registered in _steps):
            _steps.append((order, function))
        return function

    return register


def content_steps():
    """Every app's content steps, in order (importing each installed app's `content` module)."""
    autodiscover_modules("content")
    return [function for _order, function in sorted(_steps, key=lambda step: step[0])]
