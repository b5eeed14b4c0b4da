"""The access export (TRUST 18): everything kept about one supporter, with each field's label in
English and Russian, as JSON or as a CSV of one line per value."""

import io
import json
import logging

from django.utils import timezone, translation

from core import spreadsheet
from privacy import registry
from privacy.audit import audit
from privacy.identity import sender_hash
from privacy.models import AuditEntry, Consent

logger = logging.getLogger(__name__)

CONSENT_EXPORT_FIELDS = ["kind", "email", "language", "wording_version", "given_at", "withdrawn_at"]
AUDIT_EXPORT_FIELDS = ["at", "actor_username", "action", "filter"]
EXPORT_LANGUAGES = ["en", "ru"]


def field_labels(model, names):
    """{field: {"en": label, "ru": label}} for the export's header."""
    labels = {}
    for name in names:
        field = model._meta.get_field(name)
        labels[name] = {}
        for language in EXPORT_LANGUAGES:
            with translation.override(language):
                labels[name][language] = str(field.verbose_name)
    return labels


def plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int | float | bool | type(None)) else str(value)


def rows(queryset, names):
    return [{name: plain(getattr(obj, name)) for name in names} for obj in queryset]


def section(model, objects, names):
    """One section of the export: the labels of `names` and one row per object."""
    return {"labels": field_labels(model, names), "rows": rows(objects, names)}


def export_supporter(email, actor):
    """Everything kept about `email`: each holder's sections, consents and audit entries."""
    fingerprint = sender_hash(email)
    counts, sections = {}, {}
    for holder in registry.holders():
        holder_counts, holder_sections = holder.export(email, fingerprint)
        counts.update(holder_counts)
        sections.update(holder_sections)
    sections["consents"] = section(
        Consent, Consent.objects.for_supporter(email, fingerprint), CONSENT_EXPORT_FIELDS
    )
    summary = " ".join(f"{key}={value}" for key, value in counts.items())
    entry = audit(
        actor,
        AuditEntry.Action.EXPORT,
        subject=fingerprint,
        filter_text="email (normalised, hashed)",
        result=summary,
    )
    sections["audit"] = section(
        AuditEntry,
        AuditEntry.objects.filter(subject_hash=fingerprint).order_by("at"),
        AUDIT_EXPORT_FIELDS,
    )
    logger.info("privacy.export audit=%s %s", entry.pk, summary)
    return {"generated_at": timezone.now().isoformat(), "sections": sections}


def export_as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def export_as_csv(data):
    """One line per value: section, row number, field, English label, Russian label, value."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow(["section", "row", "field", "label (en)", "label (ru)", "value"])
    for name, content in data["sections"].items():
        for number, row in enumerate(content["rows"], start=1):
            for field, value in row.items():
                label = content["labels"][field]
                writer.writerow([name, number, field, label["en"], label["ru"], value])
    return out.getvalue()
