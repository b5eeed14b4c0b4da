"""Sync a translation source without publishing anything.

wagtail-localize's "Sync translated pages" can also "Publish immediately", which puts the new
English strings live on the Russian site until someone translates them. Here that option does
not exist: syncing updates the source and its strings, the Russian editor shows what is new,
and the translation goes live when a translator publishes it. The view is mounted at
wagtail-localize's own URL (letusbelong/urls.py), so every "Sync" button leads here."""

from django.urls import reverse
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)


class SyncWithoutPublishingForm(UpdateTranslationsForm):
    """wagtail-localize's form without "Publish immediately"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_translations", None)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["publish_translations"] = False
        return cleaned_data


class SyncTranslationsView(UpdateTranslationsView):
    """Update the source of a translation from the live original; publish nothing."""

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return SyncWithoutPublishingForm(data)

    def get_default_success_url(self):
        return reverse("translations_report")
