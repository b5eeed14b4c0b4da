"""StreamField blocks shared by every page type.

Each block carries its own template, icon, description and preview. Link logic lives in
StructValue classes (see LinkValue) so templates never decide where a link points.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


# What the block chooser shows of each block: its icon, its description and a preview value.
CHOOSER = {
    "link": ("link", _("A link to a page of this site or to another website."), None),
    "heading": ("title", _("A section heading."), {"text": "Why this matters"}),
    "paragraph": (
        "pilcrow",
        _("Paragraphs of text, with links and lists."),
        "<p>Hundreds of people fleeing authoritarian countries are trapped in endless, "
        "opaque security screenings.</p>",
    ),
    "figure": ("image", _("An image with alternative text and an optional caption."), None),
    "quote": (
        "openquote",
        _("A quotation and who said it."),
        {"quote": "These people are not threats.", "attribution": settings.CAMPAIGN_ORGANISATION},
    ),
    "call_to_action": (
        "pick",
        _("A sentence and a button that leads to a page."),
        {
            "text": "Send a letter to your representative now.",
            "link": {"text": "Write to your MP", "external_url": "https://example.org/"},
        },
    ),
    "demand": (
        "list-ol",
        _("A demand with its summary and explanation."),
        {
            "title": "Military service is not a crime",
            "anchor": "military-service",
            "summary": "Mandatory military service cannot make someone inadmissible.",
            "explanation": "<p>Conscription was not a choice.</p>",
        },
    ),
    "question": (
        "help",
        _("A question and its answer; link to it with #anchor."),
        {
            "question": "Does my letter really reach my MP?",
            "anchor": "does-my-letter-reach-my-mp",
            "answer": "<p>Yes, by email, from our server, with your address for the reply.</p>",
        },
    ),
}


def block_meta(name, **options):
    """A campaign block's Meta: its template campaign/blocks/<name>.html, and its icon,
    description and preview from CHOOSER."""
    icon, description, preview = CHOOSER[name]
    meta = {"icon": icon, "template": f"campaign/blocks/{name}.html", "description": description}
    if preview is not None:
        meta["preview_value"] = preview
    return type("Meta", (), meta | options)


class AnchorBlock(blocks.CharBlock):
    """A slug used as an HTML id. It is synchronized, never translated, so that
    `#anchor` links stay the same in every language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("label", _("anchor"))
        kwargs.setdefault("validators", [])
        kwargs.setdefault(
            "help_text",
            _("Lowercase letters, digits and hyphens. Links to this item end with #this-slug."),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        validate_slug(value)
        return value

    # wagtail-localize: nothing to translate, keep the source value as it is.
    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class LinkValue(blocks.StructValue):
    """Resolves a link to a page in the visitor's language, or to an external URL."""

    def page(self):
        page = self.get("page")
        return page.localized if page else None

    def url(self):
        page = self.page()
        if page:
            return page.url
        return self.get("external_url") or ""

    def text(self):
        if self.get("text"):
            return self.get("text")
        page = self.page()
        return page.title if page else self.get("external_url")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site (followed into the visitor's language) or an external URL."""

    text = blocks.CharBlock(
        required=False, label=_("text"), help_text=_("Leave empty to use the page title.")
    )
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    external_url = blocks.URLBlock(required=False, label=_("external URL"))

    Meta = block_meta("link", value_class=LinkValue, label=_("link"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("Choose either a page or a URL.")),
                }
            )
        return value


class HeadingBlock(blocks.StructBlock):
    """A section heading inside the page body (h2)."""

    text = blocks.CharBlock(max_length=120, label=_("text"))

    Meta = block_meta("heading", label=_("heading"))


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with bold, italic, links and lists."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    Meta = block_meta("paragraph", label=_("paragraph"))


class FigureBlock(blocks.StructBlock):
    """An image with alt text and an optional caption."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("caption"))

    Meta = block_meta("figure", label=_("figure"))


class QuoteBlock(blocks.StructBlock):
    """A pull quote with its source."""

    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(required=False, max_length=120, label=_("attribution"))

    Meta = block_meta("quote", label=_("quote"))


class CallToActionBlock(blocks.StructBlock):
    """A prominent button leading to a page (usually the letter page)."""

    text = blocks.CharBlock(
        max_length=200, label=_("text"), help_text=_("One sentence that invites action.")
    )
    link = LinkBlock(label=_("link"))

    Meta = block_meta("call_to_action", label=_("call to action"))


class DemandBlock(blocks.StructBlock):
    """One of the campaign's demands: a short title, a one-line summary, the explanation."""

    title = blocks.CharBlock(max_length=200, label=_("title"))
    anchor = AnchorBlock()
    summary = blocks.TextBlock(
        label=_("summary"), help_text=_("One or two sentences, shown on the home page.")
    )
    explanation = ParagraphBlock(label=_("explanation"))

    Meta = block_meta("demand", label=_("demand"))


class QuestionBlock(blocks.StructBlock):
    """A frequently asked question with its answer and a stable anchor."""

    question = blocks.CharBlock(max_length=250, label=_("question"))
    anchor = AnchorBlock()
    answer = ParagraphBlock(label=_("answer"))

    Meta = block_meta("question", label=_("question"))


class BodyBlock(blocks.StreamBlock):
    """The blocks every page body offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        block_counts = {}
