from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The MP directory: ridings, their MPs, the postal-code lookup and the importers
    (docs/mp-directory.md). It knows nothing of letters."""

    name = "directory"
    verbose_name = _("MP directory")
