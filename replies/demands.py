"""The campaign's demands as the demands page holds them: kept in step with `Demand` rows, and
read back in the reader's language.

The demands page is a `campaign.DemandsPage` whose `demands` StreamField holds one "demand"
block per demand. Its source-language page (English) defines them; every publish of it calls
`sync_demands()`, which adds a row for a new block, updates titles and order, and retires rows
whose block is gone (their stances stay for the record)."""

from django.conf import settings
from wagtail.models import Locale

from campaign.models import DemandsPage

from .models.stances import Demand


def source_demands_page():
    """The live demands page in the site's source language, else any live demands page."""
    pages = DemandsPage.objects.live()
    return (
        pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or pages.order_by("pk").first()
    )


def sync_demands(page=None):
    """Bring `Demand` rows in line with the demands page; returns the number of rows changed."""
    page = page or source_demands_page()
    if page is None:
        return 0
    changed = 0
    seen = []
    for position, block in enumerate(b for b in page.demands if b.block_type == "demand"):
        seen.append(block.id)
        values = {
            "title": str(block.value["title"])[:200],
            "anchor": block.value["anchor"] or "",
            "position": position,
            "retired": False,
        }
        demand = Demand.objects.filter(block_id=block.id).first()
        if demand is None:
            Demand.objects.create(block_id=block.id, **values)
            changed += 1
        elif any(getattr(demand, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(demand, name, value)
            demand.save()
            changed += 1
    gone = Demand.objects.exclude(block_id__in=seen).filter(retired=False)
    for demand in gone:
        demand.retired = True
        demand.save(update_fields=["retired"])
        changed += 1
    return changed


def on_page_published(sender, instance, **kwargs):
    """wagtail's page_published for DemandsPage: the source page's publish re-syncs."""
    source = source_demands_page()
    if source is not None and source.pk == instance.pk:
        sync_demands(instance)


def current_demands(language_code=None):
    """The demands shown to readers, in order: [(Demand, title in the reader's language,
    URL of the demand on the demands page in that language)]."""
    demands = list(Demand.objects.filter(retired=False).order_by("position", "pk"))
    localized = _localized_page(language_code)
    titles = {}
    base_url = ""
    if localized is not None:
        titles = {
            str(block.id): str(block.value["title"])
            for block in localized.demands
            if block.block_type == "demand"
        }
        base_url = localized.url or ""
    return [
        (
            demand,
            titles.get(str(demand.block_id), demand.title),
            f"{base_url}#{demand.anchor}" if base_url and demand.anchor else base_url,
        )
        for demand in demands
    ]


def _localized_page(language_code):
    locale = (
        Locale.objects.filter(language_code=language_code).first()
        if language_code
        else Locale.get_active()
    )
    pages = DemandsPage.objects.live()
    return (pages.filter(locale=locale).first() if locale else None) or source_demands_page()
