"""The content loader: English pages and snippets from the apps' content, and their Russian
translations made THROUGH wagtail-localize. Idempotent, and it never overwrites people's work.

Each Russian page is a TranslationSource for the English page, a Russian string for each of its
segments, then `create_or_update_translation`, so translators keep editing the Russian pages in
wagtail-localize and "Sync translated pages" works. A second run changes nothing.

It creates what is missing and updates only what it still owns (ownership.py): a page or
snippet edited in the admin since the loader wrote it, in either language, is left alone, and
so is the Russian of an English page people edited (its translators sync it). `reset=True`
(`load_campaign_content --reset`) takes everything back.
"""

import json
import uuid
from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from core.content.dsl import UL, Element, Rich, Stream, T
from core.content.ownership import Owner, Ownership

SOURCE_LANGUAGE = "en"
TRANSLATION_LANGUAGE = "ru"
TRANSLATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
# Block ids are derived from the content's place, so every run produces identical StreamFields
# and the English and Russian versions share their segment paths.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1d3c1e-2f55-4c1b-9a3e-1e7b4c2d9a10")


def in_language(value, language, path):
    """The value in one language: T pairs pick a side, rich text becomes HTML, streams get
    stable block ids."""
    if isinstance(value, T):
        return getattr(value, language)
    if isinstance(value, Rich):
        return "".join(_rich_part_html(part, language) for part in value.parts)
    if isinstance(value, Stream):
        return [
            {
                "type": block_type,
                "value": in_language(block_value, language, f"{path}.{index}"),
                "id": str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{path}.{index}")),
            }
            for index, (block_type, block_value) in enumerate(value.blocks)
        ]
    if isinstance(value, dict):
        return {key: in_language(item, language, f"{path}.{key}") for key, item in value.items()}
    return value


def _rich_part_html(part, language):
    if isinstance(part, Element):
        return f"<{part.tag}>{getattr(part.text, language)}</{part.tag}>"
    if isinstance(part, UL):
        items = "".join(f"<li>{getattr(item, language)}</li>" for item in part.items)
        return f"<ul>{items}</ul>"
    raise TypeError(f"Unknown rich text part {part!r}")


def _content(content_json):
    """A source's content without tree bookkeeping: adding a child page is not a change to
    translate."""
    if content_json is None:
        return None
    data = json.loads(content_json)
    data.pop("numchild", None)
    return data


def _comparable(serialized):
    """StreamField values serialize to JSON whose key order may vary; compare the data."""
    try:
        return json.loads(serialized)
    except (TypeError, ValueError):
        return serialized


class ContentLoader:
    """Creates or updates pages and snippets in English and their Russian translations.

    Content steps (registry.py) call `page()` and `snippet()` with a spec: {field name: value},
    values written in the DSL (dsl.py). `pages` holds the English pages by name, so that one
    app's step can link to another app's page. `changes` counts what a run changed; a second
    run changes nothing. `kept` names the content keys people own (see ownership.py)."""

    def __init__(self, log, *, reset=False):
        self.log = log
        self.changes = 0
        self.pages = {}
        self.kept = set()
        self.ownership = Ownership(reset=reset)
        self.source_locale, _ = Locale.objects.get_or_create(language_code=SOURCE_LANGUAGE)
        self.target_locale, _ = Locale.objects.get_or_create(language_code=TRANSLATION_LANGUAGE)

    def owns(self, key, language=SOURCE_LANGUAGE):
        """False once people edited (or deleted) the content the loader made under `key`."""
        return self.ownership.record_key(key, language) not in self.kept

    # -- English (source) ------------------------------------------------------------------

    def assign(self, instance, fields):
        """Set field values; True when anything differs from what is stored."""
        changed = False
        for name, value in fields.items():
            field = instance._meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                new_id = value.pk if value is not None else None
                if getattr(instance, field.attname) != new_id:
                    setattr(instance, name, value)
                    changed = True
                continue
            before = field.value_to_string(instance)
            setattr(instance, name, value)
            changed = changed or _comparable(field.value_to_string(instance)) != _comparable(before)
        return changed

    def find_source(self, key, model, lookup):
        """The English object made under `key`: by the loader's record, else by `lookup()`."""
        record = self.ownership.record(key, SOURCE_LANGUAGE)
        if record is not None:
            return self.ownership.recorded_instance(record, model)
        return lookup()

    def keep(self, key, language, owner, what):
        """Note that people own this object, and say so once."""
        self.kept.add(self.ownership.record_key(key, language))
        if owner is Owner.DELETED:
            self.log(f"left out {what}: deleted in the admin (--reset brings it back)")
        else:
            self.log(f"kept {what}: edited in the admin")

    def upsert_page(self, parent, model, slug, spec, key, extra=None):
        """The English page `slug` under parent, created or updated to match spec; the page as
        people left it when they own it; None when they deleted it."""
        fields = {
            name: in_language(value, SOURCE_LANGUAGE, f"{key}.{name}")
            for name, value in spec.items()
        }
        fields.update(extra or {})

        def lookup():
            if parent is None:
                return model.objects.filter(locale=self.source_locale, depth=2).first()
            return model.objects.child_of(parent).filter(slug=slug).first()

        page = self.find_source(key, model, lookup)
        owner = self.ownership.owner(key, SOURCE_LANGUAGE, page)
        if owner in (Owner.PEOPLE, Owner.DELETED):
            self.keep(key, SOURCE_LANGUAGE, owner, f"{model.__name__} /{slug}/")
            return page
        if page is None:
            page = model(slug=slug, locale=self.source_locale, **fields)
            if parent is None:
                Page.get_first_root_node().add_child(instance=page)
            else:
                parent.add_child(instance=page)
            page.save_revision().publish()
            self.changed(f"created {model.__name__} /{slug}/")
        elif self.assign(page, fields):
            page.save_revision().publish()
            self.changed(f"updated {model.__name__} /{slug}/")
        self.ownership.remember(key, SOURCE_LANGUAGE, page)
        # Publishing saves another copy of the page; read back what is stored so the
        # translation source below matches the database (and a second run sees no change).
        return model.objects.get(pk=page.pk)

    def republish_source(self, page, key):
        """Publish a change a step made to an English page the loader owns, and record it."""
        page.save_revision().publish()
        self.ownership.remember(key, SOURCE_LANGUAGE, page)
        return type(page).objects.get(pk=page.pk)

    # -- Russian (through wagtail-localize) ------------------------------------------------

    def translate(self, instance, spec, key, extra=None):
        """Create or update the Russian translation of instance through wagtail-localize,
        unless people own the English (its translators sync it) or the Russian."""
        model = type(instance)
        if not self.owns(key):
            return instance.get_translation_or_none(self.target_locale)
        target = instance.get_translation_or_none(self.target_locale)
        owner = self.ownership.translation_owner(key, TRANSLATION_LANGUAGE, target)
        if owner in (Owner.PEOPLE, Owner.DELETED):
            self.keep(key, TRANSLATION_LANGUAGE, owner, f"the Russian {model.__name__} {key}")
            return target

        shadow_fields = {
            name: in_language(value, TRANSLATION_LANGUAGE, f"{key}.{name}")
            for name, value in spec.items()
        }
        shadow_fields.update(extra or {})
        if isinstance(instance, Page):
            # Page types that translate their slug keep the English one unless told otherwise.
            shadow_fields.setdefault("slug", instance.slug)
        shadow = model(**shadow_fields)
        russian = defaultdict(list)
        for segment in extract_segments(shadow):
            if isinstance(segment, StringSegmentValue):
                russian[segment.path].append(segment.string.data)

        previous = (
            TranslationSource.objects.filter(
                object_id=instance.translation_key, locale=instance.locale
            )
            .values("content_json", "last_updated_at")
            .first()
        ) or {"content_json": None, "last_updated_at": None}
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        changed = _content(previous["content_json"]) != _content(source.content_json)
        if not changed and previous["last_updated_at"] != source.last_updated_at:
            # Only tree bookkeeping moved: the translation did not fall behind its source.
            source.last_updated_at = previous["last_updated_at"]
            source.save(update_fields=["last_updated_at"])

        # A rich text field gives several segments with one path; they pair up in order.
        segments = (
            StringSegment.objects.filter(source=source)
            .select_related("string", "context")
            .order_by("order")
        )
        position = defaultdict(int)
        for segment in segments:
            path = segment.context.path
            try:
                text = russian[path][position[path]]
            except IndexError:
                raise ValueError(f"No Russian text for {key} at {path}") from None
            position[path] += 1
            translation, created = StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=self.target_locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
            if not created and translation.data != text:
                translation.data = text
                translation.save()
                changed = True
            changed = changed or created

        _, enabled_now = Translation.objects.get_or_create(
            source=source, target_locale=self.target_locale, defaults={"enabled": True}
        )
        if changed or enabled_now or target is None:
            source.create_or_update_translation(self.target_locale, publish=True)
            target = instance.get_translation(self.target_locale)
            self.changed(f"translated {model.__name__} {key} into {TRANSLATION_LANGUAGE}")
        if isinstance(target, Page):
            target = target.specific
        # create_or_update_translation publishes on commit; inside an outer transaction
        # (tests) that is later, so publish here when it has not happened yet.
        if hasattr(target, "live") and (not target.live or target.has_unpublished_changes):
            target.get_latest_revision().publish()
            target = type(target).objects.get(pk=target.pk)
        self.ownership.remember(key, TRANSLATION_LANGUAGE, target)
        return target

    def page(self, parent, model, slug, spec, key, extra=None):
        """English page plus its Russian translation (None when people deleted the page)."""
        page = self.upsert_page(parent, model, slug, spec, key, extra)
        if page is not None:
            self.translate(page, spec, key, extra)
        return page

    def snippet(self, model, spec, key, extra=None, *, label=None):
        """The source-locale instance of a translatable snippet (the first one, by pk), created
        or updated to match spec and published, plus its Russian translation."""
        label = label or str(model._meta.verbose_name)
        fields = {
            name: in_language(value, SOURCE_LANGUAGE, f"{key}.{name}")
            for name, value in spec.items()
        }
        fields.update(extra or {})
        instance = self.find_source(
            key,
            model,
            lambda: model.objects.filter(locale=self.source_locale).order_by("pk").first(),
        )
        owner = self.ownership.owner(key, SOURCE_LANGUAGE, instance)
        if owner in (Owner.PEOPLE, Owner.DELETED):
            self.keep(key, SOURCE_LANGUAGE, owner, f"the {label}")
            return instance
        if instance is None:
            instance = model(locale=self.source_locale, **fields)
            instance.save()
            instance.save_revision().publish()
            self.changed(f"created the {label}")
        elif self.assign(instance, fields) or instance.latest_revision_id is None:
            instance.save_revision().publish()
            self.changed(f"updated the {label}")
        self.ownership.remember(key, SOURCE_LANGUAGE, instance)
        instance = model.objects.get(pk=instance.pk)
        self.translate(instance, spec, key, extra)
        return instance

    def changed(self, message):
        self.changes += 1
        self.log(message)

    # -- The site ----------------------------------------------------------------------------

    def remove_wagtail_welcome_page(self):
        """A fresh Wagtail database has a placeholder "Welcome" page where our home goes."""
        plain_page = ContentType.objects.get_for_model(Page)
        for page in Page.objects.filter(depth=2, content_type=plain_page):
            page.delete()
            self.changed("removed Wagtail's welcome page")

    def point_site_at(self, home):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            Site.objects.create(
                hostname=base_url.hostname or "localhost",
                port=base_url.port or (443 if base_url.scheme == "https" else 80),
                site_name=settings.CAMPAIGN_ORGANISATION,
                root_page=home,
                is_default_site=True,
            )
            self.changed("created the default site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            self.changed("pointed the default site at the home page")

    def grant_translators(self, translated_home):
        """Translators may edit and publish pages under a translated home, never the source."""
        translators = Group.objects.filter(name="Translators").first()
        if translators is None:
            return
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            _, created = GroupPagePermission.objects.get_or_create(
                group=translators, page=translated_home, permission=permission
            )
            if created:
                self.changed(f"granted Translators {codename} on {translated_home.url_path}")

    def run(self, steps):
        """Run the content steps in order (see registry.py)."""
        for step in steps:
            step(self)
        return self.pages
