"""Which content changes invalidate the page cache, here and in the shared caches in front."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, Site, get_page_models

from core import routing
from core.frontcache import purge_every_site_on_commit
from core.pagecache import bump_content_version

DISPATCH_UID = "pagecache-bump"


def content_changed(**kwargs):
    """New content version for every process; the front caches purged once it commits."""
    bump_content_version()
    purge_every_site_on_commit()


def _models_whose_saves_invalidate():
    """Site settings, Sites, and the models named in PAGE_CACHE_INVALIDATING_MODELS.

    Deliberately not every snippet: a busy model registered as a snippet (letters, say) would
    empty the cache at every write."""
    named = [apps.get_model(label) for label in settings.PAGE_CACHE_INVALIDATING_MODELS]
    setting_models = [
        model
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting | BaseGenericSetting)
    ]
    return [Site, *setting_models, *named]


def connect_invalidation():
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(content_changed, dispatch_uid=DISPATCH_UID)
    # Per model, not for every sender: a receiver on every model's post_delete would stop
    # Django's fast bulk deletes everywhere (retention purges, rate-limit pruning).
    for model in {Page, *get_page_models()}:
        post_delete.connect(content_changed, sender=model, dispatch_uid=DISPATCH_UID)
        post_save.connect(routing.forget, sender=model, dispatch_uid="routing-forget")
    for model in _models_whose_saves_invalidate():
        post_save.connect(content_changed, sender=model, dispatch_uid=DISPATCH_UID)
        post_delete.connect(content_changed, sender=model, dispatch_uid=DISPATCH_UID)
