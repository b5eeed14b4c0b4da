from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use and none owns: the client's address, the shared rate limit, the
    anonymous page cache with its content version, and the content loader. It imports no app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # invalidation.py imports Wagtail's models, which exist only once the registry is ready.
        from .invalidation import connect_invalidation

        connect_invalidation()
