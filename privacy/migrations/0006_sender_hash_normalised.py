"""Fingerprints computed again with the wider normalisation of issue 12 (plus-tags removed for
every domain, IDN domains as punycode): a supporter's earlier letters and consents keep being
found by the limits, an export and an erasure. Only the hashes change; rows whose address was
already blanked (erased, purged) keep theirs, which nothing can recompute."""

from django.db import migrations

from privacy.identity import sender_hash


def rehash(apps, schema_editor):
    Letter = apps.get_model("letters", "Letter")
    Consent = apps.get_model("privacy", "Consent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    changed = {}
    for letter in Letter.objects.exclude(email="").only("pk", "email", "sender_hash").iterator():
        new = sender_hash(letter.email)
        if new != letter.sender_hash:
            Letter.objects.filter(pk=letter.pk).update(sender_hash=new)
            changed[letter.pk] = new
    letter_type = ContentType.objects.filter(app_label="letters", model="letter").first()
    if letter_type is not None:
        for letter_id, new in changed.items():
            Consent.objects.filter(given_with_type=letter_type, given_with_id=letter_id).update(
                sender_hash=new
            )
    for consent in Consent.objects.exclude(email="").only("pk", "email").iterator():
        Consent.objects.filter(pk=consent.pk).update(sender_hash=sender_hash(consent.email))


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0005_consent_reply_follow_up"),
        ("letters", "0005_placeholder_help_salutation_closing"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rehash, migrations.RunPython.noop)]
