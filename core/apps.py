from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use and none owns: the client's address, the shared rate limit, the
    anonymous page cache with its content version, and the content loader. It imports no app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # Connecting the page-cache invalidation needs every page model loaded.
        from .invalidation import connect_invalidation

        connect_invalidation()
