from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app may use and none owns: the client's address, the shared rate limit, the
    anonymous page cache with its content version, and the content loader. It imports no app."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # invalidation.py imports Wagtail's models, which exist only once the registry is ready.
        from django.core.signals import request_finished, request_started

        from .invalidation import connect_invalidation
        from .pagecache import content_version

        connect_invalidation()
        request_started.connect(content_version.request_started, dispatch_uid="content_version")
        request_finished.connect(content_version.request_finished, dispatch_uid="content_version")
