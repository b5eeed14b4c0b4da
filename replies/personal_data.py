"""The reply loop's part of privacy's purge, export and erasure (registered in
RepliesConfig.ready). A follow-up is personal through its link to the letter and the reply's
text; its answer, MP and riding are not, and stay for the per-MP counts."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from privacy.export import section

from .models.follow_up import FollowUp, QuoteStatus

EXPORT_FIELDS = [
    "created_at",
    "first_sent_at",
    "second_sent_at",
    "answer",
    "answered_at",
    "reply_text",
    "quote_consent",
    "quote_status",
]


def supporter_follow_ups(email, fingerprint):
    return FollowUp.objects.filter(
        Q(letter__sender_hash=fingerprint) | Q(letter__email__iexact=str(email).strip())
    )


@dataclass(frozen=True)
class ReplyData:
    """Follow-ups, as a `privacy.registry.PersonalDataHolder`."""

    def purge(self, now):
        text_cutoff = now - timedelta(days=settings.LETTER_BODY_RETENTION_DAYS)
        identity_cutoff = now - timedelta(days=settings.IDENTITY_RETENTION_DAYS)
        texts = (
            FollowUp.objects.filter(answered_at__lt=text_cutoff, reply_text_removed_at=None)
            .exclude(reply_text="")
            .update(reply_text="", reply_text_removed_at=now)
        )
        # Unpublished quotes go with the text; an approved quote is the MP's words, kept.
        FollowUp.objects.filter(reply_text_removed_at=now).exclude(
            quote_status=QuoteStatus.APPROVED
        ).update(quote_status=QuoteStatus.NONE, quote_consent=False, quote="")
        unlinked = FollowUp.objects.filter(
            letter__isnull=False, created_at__lt=identity_cutoff
        ).update(letter=None)
        return {"reply_texts_removed": texts, "reply_follow_ups_unlinked": unlinked}

    def export(self, email, fingerprint):
        follow_ups = list(supporter_follow_ups(email, fingerprint).order_by("created_at"))
        return {"reply_follow_ups": len(follow_ups)}, {
            "reply_follow_ups": section(FollowUp, follow_ups, ["mp", *EXPORT_FIELDS])
        }

    def erase(self, email, fingerprint, *, actor, now):
        follow_ups = supporter_follow_ups(email, fingerprint)
        count = follow_ups.update(
            letter=None,
            reply_text="",
            reply_text_removed_at=now,
            quote_consent=False,
            quote_status=QuoteStatus.NONE,
            quote="",
        )
        return {"reply_follow_ups": count}
