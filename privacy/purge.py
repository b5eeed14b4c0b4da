"""The retention purge (`manage.py purge_personal_data`, daily): every holder applies its
retention periods, then the emails of consents withdrawn long ago are removed, and django-axes'
records of admin sign-ins (addresses, user agents, usernames) older than
`ADMIN_ACCESS_LOG_RETENTION_DAYS` are deleted."""

import logging
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from privacy import registry
from privacy.audit import audit
from privacy.models import AuditEntry, Consent

logger = logging.getLogger(__name__)


def purge_personal_data(now=None):
    """Apply the retention periods; idempotent. Returns the counts (also logged and audited)."""
    now = now or timezone.now()
    identity_cutoff = now - timedelta(days=settings.IDENTITY_RETENTION_DAYS)
    counts = {}
    with transaction.atomic():
        for holder in registry.holders():
            counts.update(holder.purge(now))
        counts["consent_emails_removed"] = (
            Consent.objects.filter(withdrawn_at__lt=identity_cutoff)
            .exclude(email="")
            .update(email="")
        )
        counts["admin_access_records_deleted"] = purge_admin_access_records(now)
        summary = " ".join(f"{key}={value}" for key, value in counts.items())
        if any(counts.values()):
            audit(None, AuditEntry.Action.PURGE, result=summary)
    logger.info("privacy.purge %s", summary)
    return counts


def purge_admin_access_records(now):
    """Delete axes' sign-in records (successes, failures, counted attempts) older than the
    retention period. A lock lasts AXES_COOLOFF_TIME (30 minutes), far shorter, so no current
    lock is lifted."""
    cutoff = now - timedelta(days=settings.ADMIN_ACCESS_LOG_RETENTION_DAYS)
    return sum(
        model.objects.filter(attempt_time__lt=cutoff).delete()[0]
        for model in (AccessLog, AccessFailureLog, AccessAttempt)
    )
