"""The dashboard's campaign panel: how the letters are going, at a glance.

Who sees what (`audience()`):
- organizers and data stewards (whoever may see supporters' letters: `privacy.view_personal_data`,
  superusers) see everything: letters sent today, this week and in all; letters by status, each
  linked to the letters list filtered by it; letters sent per day over the last 30 days as a
  server-drawn chart (core/charts.py) with its table; ridings without a letter, linked to the
  totals page;
- editors (whoever may edit the source-language letter campaign page) see the counts only:
  sent today, this week and in all, and the ridings without a letter;
- everyone else, translators included, sees no panel.

Days and weeks are in TIME_ZONE (weeks start on Monday); "sent" means sent or delivered
(`Letter.COUNTED_AS_SENT`), as on the totals page."""

from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from core import clock
from core.charts import column_chart
from directory.models import Riding
from letters import admin_letters
from letters.models import Letter, LetterCampaignPage

DAYS = 30
FULL = "full"
COUNTS = "counts"


def audience(user):
    """FULL, COUNTS or None: see the module docstring."""
    if not user.is_active:
        return None
    if admin_letters.can(user, "view"):
        return FULL
    campaigns = LetterCampaignPage.objects.filter(locale=Locale.get_default())
    if any(page.permissions_for_user(user).can_edit() for page in campaigns):
        return COUNTS
    return None


def day_starts(now):
    """Local midnight today and on this week's Monday, aware."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return today, today - timedelta(days=today.weekday())


def sent_counts(now):
    """Letters sent today, this week and in all, in one query."""
    today, monday = day_starts(now)
    return Letter.objects.filter(status__in=Letter.COUNTED_AS_SENT).aggregate(
        today=Count("pk", filter=Q(sent_at__gte=today)),
        week=Count("pk", filter=Q(sent_at__gte=monday)),
        total=Count("pk"),
    )


def status_counts():
    """Every status in the pipeline's order, with its count (zeros too)."""
    found = dict(Letter.objects.values_list("status").annotate(n=Count("pk")).order_by())
    return [(status, status.label, found.get(status.value, 0)) for status in Letter.Status]


def sent_per_day(now, days=DAYS):
    """[(date, letters sent that day)] for the last `days` days, today last, in TIME_ZONE."""
    today, _monday = day_starts(now)
    first = today - timedelta(days=days - 1)
    found = dict(
        Letter.objects.filter(status__in=Letter.COUNTED_AS_SENT, sent_at__gte=first)
        .annotate(day=TruncDate("sent_at", tzinfo=ZoneInfo(settings.TIME_ZONE)))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    dates = [(first + timedelta(days=n)).date() for n in range(days)]
    return [(day, found.get(day, 0)) for day in dates]


def ridings_without_letter():
    return Riding.objects.exclude(letters__status__in=Letter.COUNTED_AS_SENT).count()


def per_day_chart(per_day):
    days = len(per_day)
    title = ngettext(
        "Letters sent per day, last %(days)d day", "Letters sent per day, last %(days)d days", days
    ) % {"days": days}
    total = sum(count for _day, count in per_day)
    description = ngettext(
        "%(total)d letter in all; the table below has the number for each day.",
        "%(total)d letters in all; the table below has the number for each day.",
        total,
    ) % {"total": total}
    labels = [formats.date_format(day, "MONTH_DAY_FORMAT") for day, _count in per_day]
    svg = column_chart(
        title=title, description=description, labels=labels, values=[n for _d, n in per_day]
    )
    return {"title": title, "svg": svg, "rows": list(zip(labels, per_day, strict=True))}


class CampaignPanel(Component):
    """The campaign's letters on the dashboard (see the module docstring)."""

    name = "campaign"
    order = 50
    template_name = "letters_admin/campaign_panel.html"

    class Media:
        css = {"all": ["css/charts.css", "css/campaign_panel.css"]}

    def __init__(self, level):
        self.level = level

    def get_context_data(self, parent_context=None):
        now = clock.now()
        context = {
            "sent": sent_counts(now),
            "without": ridings_without_letter(),
            "without_url": reverse("letters_totals") + "?without=1",
            "full": self.level == FULL,
            "zone": settings.TIME_ZONE,
        }
        if self.level == FULL:
            index = reverse(admin_letters.letter_viewset.get_url_name("index"))
            context["statuses"] = [
                (label, count, f"{index}?{urlencode({'status': status.value})}")
                for status, label, count in status_counts()
            ]
            context["chart"] = per_day_chart(sent_per_day(now))
        return context
