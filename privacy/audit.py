"""The audit trail: one `AuditEntry` per export, erasure or purge that changed something."""

from privacy.models import AuditEntry


def audit(actor, action, *, subject="", filter_text="", result=""):
    """Record `action` (an `AuditEntry.Action`) by `actor` (a user, or None for the system)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "get_username", lambda: "")() if actor else "system",
        action=action,
        subject_hash=subject,
        filter=filter_text[:300],
        result=result[:300],
    )
