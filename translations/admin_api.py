"""The admin API's pages endpoint, readable by translators across languages.

Wagtail's admin API answers only for pages the user may explore. A translator may explore the
Russian tree only, but the translation editor shows, for each page link of the English original,
the linked English page (`/admin/api/main/pages/<id>/`): for them it was a 404 and the row said
"Fetching page information..." forever. Users who may submit translations read every page here
(titles and admin URLs, as the editor needs; editing rights are unchanged)."""

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


class TranslatorPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin pages API, with every page visible to users who translate."""

    def get_base_queryset(self):
        user = self.request.user
        if user.is_active and user.has_perm(TRANSLATE_PERMISSION):
            return Page.objects.all()
        return super().get_base_queryset()
