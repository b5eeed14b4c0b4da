from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Holds the shared content version of the page cache and connects what bumps it."""

    name = "letusbelong.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .signals import connect_invalidation

        connect_invalidation()
