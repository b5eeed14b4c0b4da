"""Every change of a letter campaign's safety switches is audited (issue 12, hole 7).

Only superusers see the switches in the editor (`SAFETY_SWITCHES`, FieldPanel permission
"superuser"); an editor's form leaves them out, so publishing keeps their values. Whoever
changes them, and however (publishing in the editor, a translation's synchronisation, a
script), the save that writes a new value leaves a `privacy` audit row ("safety switch
changed"): the page, the switch, old → new, and who: the author of the revision being
published (Wagtail sets `latest_revision` before it saves the page), else "system".

`pre_save` reads the values in the database and notes what is about to change; `post_save`
records it once the row is written."""

from django.db.models.signals import post_save, pre_save

from letters.models.campaign_page import SAFETY_SWITCHES, LetterCampaignPage
from privacy.audit import audit
from privacy.models import AuditEntry

PENDING = "_safety_switch_changes"


def changed_switches(page):
    """[(switch, old, new)] between the row in the database and `page` about to be saved."""
    if page.pk is None:
        return []
    old = LetterCampaignPage.objects.filter(pk=page.pk).values(*SAFETY_SWITCHES).first()
    if old is None:
        return []
    return [
        (name, old[name], getattr(page, name))
        for name in SAFETY_SWITCHES
        if old[name] != getattr(page, name)
    ]


def _before_save(sender, instance, update_fields=None, **kwargs):
    names = set(SAFETY_SWITCHES if update_fields is None else update_fields)
    changes = [change for change in changed_switches(instance) if change[0] in names]
    setattr(instance, PENDING, changes)


def _after_save(sender, instance, **kwargs):
    changes = getattr(instance, PENDING, None)
    if not changes:
        return
    setattr(instance, PENDING, [])
    revision = getattr(instance, "latest_revision", None)
    actor = getattr(revision, "user", None)
    for name, old, new in changes:
        audit(
            actor,
            AuditEntry.Action.SAFETY_SWITCH,
            filter_text=f"page {instance.pk} ({instance.locale.language_code}): "
            f"{name} {old} → {new}",
        )


def connect_receivers():
    """Connect the audit receivers (LettersConfig.ready)."""
    pre_save.connect(_before_save, sender=LetterCampaignPage, dispatch_uid="letters-switches")
    post_save.connect(_after_save, sender=LetterCampaignPage, dispatch_uid="letters-switches")
