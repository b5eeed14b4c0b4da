"""The letter campaign page: what organizers write, what supporters send."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from letters.views import check_email_step, choice_step, start_step, write_step

PLACEHOLDER_HELP = _(
    "Placeholders: {mp_name}, {mp_honorific}, {riding}, {salutation}, {closing}, "
    "{supporter_name}, {supporter_city}, {supporter_postal_code}."
)

# Switches that can weaken the campaign's safety: off, letters go without proof of the sender's
# address; on, supporters write their own text to MPs.
SAFETY_SWITCHES = ("require_confirmation", "allow_editing")


class LetterCampaignPage(RoutablePageMixin, Page):
    """A "write to your MP" campaign: a letter template, prompts, a goal and the switches.

    The letter that is sent exists in Canada's two official languages (English and French) and is
    never translated by translators; the reference translation is what a reader sees beside it
    in the page's own language. Recipients come only from the MP directory.

    The supporter's steps are routes of the page; their views live in `letters.views`
    (see docs/letter-tool.md), which never import this module: the views and everything they
    use import the letter models from `letters.models.letter` (import-linter keeps it so)."""

    intro = RichTextField(_("intro"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    letter_subject_en = models.CharField(_("subject (English)"), max_length=200)
    letter_body_en = models.TextField(_("letter (English)"), help_text=PLACEHOLDER_HELP)
    letter_subject_fr = models.CharField(_("subject (French)"), max_length=200)
    letter_body_fr = models.TextField(_("letter (French)"), help_text=PLACEHOLDER_HELP)
    reference_subject = models.CharField(
        _("reference translation: subject"),
        max_length=200,
        blank=True,
        help_text=_("Shown to readers beside the letter when the page's language differs."),
    )
    reference_body = models.TextField(_("reference translation: letter"), blank=True)

    writing_prompts = RichTextField(
        _("writing prompts"),
        blank=True,
        features=["bold", "italic", "ol", "ul"],
        help_text=_("Questions that help supporters make the letter their own."),
    )
    goal = models.PositiveIntegerField(_("goal (letters)"), default=1000)
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    share_text = models.CharField(_("share text"), max_length=280, blank=True)

    require_confirmation = models.BooleanField(_("require email confirmation"), default=True)
    allow_editing = models.BooleanField(_("supporters may edit the letter"), default=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("letter_subject_en"),
                FieldPanel("letter_body_en"),
                FieldPanel("letter_subject_fr"),
                FieldPanel("letter_body_fr"),
            ],
            heading=_("The letter that is sent"),
        ),
        MultiFieldPanel(
            [FieldPanel("reference_subject"), FieldPanel("reference_body")],
            heading=_("Reference translation for readers"),
        ),
        FieldPanel("writing_prompts"),
        FieldPanel("goal"),
        FieldPanel("thank_you_text"),
        FieldPanel("share_text"),
        # Safety switches: only superusers see and change them (issue 12, hole 7), and every
        # change is audited (letters/switches.py). An editor's form leaves them out entirely.
        MultiFieldPanel(
            [FieldPanel(name, permission="superuser") for name in SAFETY_SWITCHES],
            heading=_("Switches"),
        ),
    ]

    # The page's texts are translated; the letter itself (English and French, as MPs read it)
    # and the switches are the same in every language.
    translatable_fields = [
        *(
            TranslatableField(name)
            for name in (
                "title",
                "seo_title",
                "search_description",
                "slug",
                "intro",
                "reference_subject",
                "reference_body",
                "writing_prompts",
                "thank_you_text",
                "share_text",
            )
        ),
        *(
            SynchronizedField(name)
            for name in (
                "letter_subject_en",
                "letter_body_en",
                "letter_subject_fr",
                "letter_body_fr",
                "goal",
                "require_confirmation",
                "allow_editing",
            )
        ),
    ]

    class Meta:
        verbose_name = _("letter campaign page")

    # The supporter's steps.

    @path("", name="start")
    def start_route(self, request):
        return start_step(request, self)

    # The lookup itself is a POST to letters:find (letters/urls.py), which starts a step.
    @path("step/<str:step_id>/", name="step")
    def choice_route(self, request, step_id):
        return choice_step(request, self, step_id)

    @path("step/<str:step_id>/write/", name="write")
    def write_route(self, request, step_id):
        return write_step(request, self, step_id)

    @path("check-email/", name="check_email")
    def check_email_route(self, request):
        return check_email_step(request, self)

    def letter_template(self, language):
        """(subject, body) of the letter sent in `language` ("en" or "fr")."""
        if language == "fr":
            return self.letter_subject_fr, self.letter_body_fr
        return self.letter_subject_en, self.letter_body_en
