"""The organizers' replies view in the Wagtail admin ("Replies and stances" → "Replies").

- Replies (`replies.view_reply_figures`: Editors, Data stewards): answers by MP, by party and by
  week, as counts; never who answered. Quotes waiting for approval show the reply's text (the
  MP's words, which supporters were asked to paste without their own name) and nothing of the
  supporter.
- Approve or reject a quote (`replies.review_quotes`: Editors), POST only; the organizer may
  trim the quote before approving. Approving or withdrawing a published quote refreshes the
  public pages.
- CSV of the answers (`privacy.export_personal_data`: Data stewards), audited like every export.
"""

from collections import Counter, defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core import spreadsheet
from core.invalidation import content_changed
from privacy.audit import audit
from privacy.models import AuditEntry

from .models.follow_up import Answer, FollowUp, QuoteStatus

VIEW = "replies.view_reply_figures"
REVIEW = "replies.review_quotes"
EXPORT = "privacy.export_personal_data"
QUOTE_MAX_CHARS = 600


def _require(user, permission):
    if not (user.is_active and user.has_perm(permission)):
        raise PermissionDenied


def _table(rows, key):
    """[(group, {answer: count}, total)] sorted by total answers, most first."""
    groups = defaultdict(Counter)
    for row in rows:
        groups[key(row)][row["answer"]] += row["n"]
    table = [
        (group, [counts[value] for value in Answer.values], sum(counts.values()))
        for group, counts in groups.items()
    ]
    return sorted(table, key=lambda item: (-item[2], str(item[0])))


def replies_report(request):
    _require(request.user, VIEW)
    answered = FollowUp.objects.exclude(answer="")
    by_mp = answered.values("mp__name", "mp__party", "riding__name_en", "answer").annotate(
        n=Count("pk")
    )
    by_week = (
        answered.annotate(week=TruncWeek("answered_at"))
        .values("week", "answer")
        .annotate(n=Count("pk"))
    )
    asked = FollowUp.objects.filter(first_sent_at__isnull=False).count()
    pending = FollowUp.objects.filter(quote_status=QuoteStatus.PENDING).select_related(
        "mp", "riding"
    )
    context = {
        "page_title": _("Replies"),
        "answers": Answer.choices,
        "asked": asked,
        "answered": answered.count(),
        "by_mp": _table(
            by_mp,
            lambda row: f"{row['mp__name']} ({row['mp__party'] or '—'}, {row['riding__name_en']})",
        ),
        "by_party": _table(by_mp, lambda row: row["mp__party"] or "—"),
        "by_week": sorted(_table(by_week, lambda row: row["week"].date()), reverse=True),
        "pending": pending.order_by("answered_at") if request.user.has_perm(REVIEW) else [],
        "can_review": request.user.has_perm(REVIEW),
        "can_export": request.user.has_perm(EXPORT),
        "quote_max": QUOTE_MAX_CHARS,
    }
    return TemplateResponse(request, "replies_admin/replies.html", context)


@require_POST
def review_quote(request, pk, decision):
    _require(request.user, REVIEW)
    with transaction.atomic():
        follow_up = get_object_or_404(FollowUp.objects.select_for_update(), pk=pk)
        if follow_up.quote_status != QuoteStatus.PENDING or not follow_up.quote_consent:
            messages.warning(request, _("That quote is no longer waiting for approval."))
            return redirect("replies_report")
        if decision == "approve":
            quote = " ".join(request.POST.get("quote", "").split())[:QUOTE_MAX_CHARS]
            if not quote:
                messages.error(request, _("Please keep at least a few words of the reply."))
                return redirect("replies_report")
            follow_up.quote = quote
            follow_up.quote_status = QuoteStatus.APPROVED
            message = _("The quote is approved and published.")
        else:
            follow_up.quote = ""
            follow_up.quote_status = QuoteStatus.REJECTED
            message = _("The quote will not be published.")
        follow_up.quote_reviewed_by = request.user
        follow_up.quote_reviewed_at = timezone.now()
        follow_up.save()
        content_changed()
    messages.success(request, message)
    return redirect("replies_report")


CSV_COLUMNS = ["answered_on", "mp", "party", "riding", "province", "answer", "language", "quote"]


def answers_csv(request):
    """Every answer, one line each, without who answered (stewards; audited)."""
    _require(request.user, EXPORT)
    rows = (
        FollowUp.objects.exclude(answer="")
        .select_related("mp", "riding")
        .order_by("answered_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reply-answers.csv"'
    writer = spreadsheet.writer(response)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for follow_up in rows.iterator():
        writer.writerow(
            [
                follow_up.answered_at.date().isoformat(),
                follow_up.mp.name,
                follow_up.mp.party,
                follow_up.riding.name_en,
                follow_up.riding.province,
                follow_up.answer,
                follow_up.language,
                follow_up.quote_status,
            ]
        )
        count += 1
    audit(
        request.user,
        AuditEntry.Action.EXPORT,
        filter_text="reply answers (no supporter data)",
        result=f"answers={count}",
    )
    return response


urlpatterns = [
    path("replies/", replies_report, name="replies_report"),
    path("replies/answers.csv", answers_csv, name="replies_answers_csv"),
    path("replies/quotes/<int:pk>/<str:decision>/", review_quote, name="replies_review_quote"),
]
