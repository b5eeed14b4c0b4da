"""Letter totals for organizers, per campaign and per riding: counts only, no personal data,
so every admin user (editors and translators too) may see them. "Sent" counts letters sent or
delivered; a letter the MP's server refused afterwards counts as bounced instead."""

from django.conf import settings
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from directory.models import Riding
from letters.models import Letter, LetterCampaignPage

S = Letter.Status
IN_PROGRESS = [S.PENDING_CONFIRMATION, S.QUEUED, S.SENDING, S.HELD]


def _counts(prefix, letter_filter=None):
    """Aggregates of the related letters (`prefix` is the relation's name), by status."""
    letter_filter = Q() if letter_filter is None else letter_filter

    def count(*statuses):
        return Count(prefix, filter=letter_filter & Q(**{f"{prefix}__status__in": statuses}))

    return {
        "sent": count(*Letter.COUNTED_AS_SENT),
        "in_progress": count(*IN_PROGRESS),
        "bounced": count(S.BOUNCED),
        "failed": count(S.FAILED),
        "expired": count(S.EXPIRED),
        "spam": count(S.SPAM),
        "total": Count(prefix, filter=letter_filter),
    }


def campaign_totals():
    """One row per campaign (its translations counted together), in one aggregate query."""
    rows = list(
        LetterCampaignPage.objects.values("translation_key")
        .annotate(**_counts("letters"))
        .order_by("translation_key")
    )
    titles = {}
    for page in LetterCampaignPage.objects.select_related("locale").order_by("pk"):
        if (
            page.translation_key not in titles
            or page.locale.language_code == settings.LANGUAGE_CODE
        ):
            titles[page.translation_key] = page.title
    for row in rows:
        row["title"] = titles[row["translation_key"]]
    return sorted(rows, key=lambda row: row["title"])


def riding_totals(translation_key=None):
    """Every riding, with or without letters, in one aggregate query."""
    only_campaign = (
        Q(letters__campaign__translation_key=translation_key) if translation_key else Q()
    )
    return Riding.objects.annotate(**_counts("letters", only_campaign)).order_by(
        "province", "name_en"
    )


def letter_totals(request):
    campaigns = campaign_totals()
    keys = {str(row["translation_key"]) for row in campaigns}
    chosen = request.GET.get("campaign", "")
    chosen = chosen if chosen in keys else ""
    ridings = list(riding_totals(chosen or None))
    only_without = request.GET.get("without") == "1"
    without = [riding for riding in ridings if riding.sent == 0]
    return TemplateResponse(
        request,
        "letters_admin/totals.html",
        {
            "page_title": _("Letter totals"),
            "header_icon": "table",
            "campaigns": campaigns,
            "chosen_campaign": chosen,
            "ridings": without if only_without else ridings,
            "only_without": only_without,
            "riding_count": len(ridings),
            "without_count": len(without),
        },
    )
