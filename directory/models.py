"""The MP directory: ridings and their members, keyed by the riding's 5-digit FED code."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.names import party_name


class Province(models.TextChoices):
    """Canada's provinces and territories, by their two-letter postal abbreviation."""

    NL = "NL", _("Newfoundland and Labrador")
    PE = "PE", _("Prince Edward Island")
    NS = "NS", _("Nova Scotia")
    NB = "NB", _("New Brunswick")
    QC = "QC", _("Quebec")
    ON = "ON", _("Ontario")
    MB = "MB", _("Manitoba")
    SK = "SK", _("Saskatchewan")
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    YT = "YT", _("Yukon")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")


def organizer_switch(verbose_name, help_text):
    """A flag that starts off and changes how letters are handled when an organizer (or a
    delivery report) turns it on."""
    return models.BooleanField(verbose_name, default=False, help_text=help_text)


class RidingQuerySet(models.QuerySet):
    """Ridings by the state of their seat."""

    def vacant(self):
        """Ridings with no sitting MP, or marked vacant by an organizer."""
        sitting = MemberOfParliament.objects.filter(riding=models.OuterRef("pk"), active=True)
        return self.filter(models.Q(marked_vacant=True) | ~models.Exists(sitting))

    def occupied(self):
        sitting = MemberOfParliament.objects.filter(riding=models.OuterRef("pk"), active=True)
        return self.filter(models.Exists(sitting), marked_vacant=False)

    def with_current_mp(self, fed_code):
        """(riding, its sitting MP or None) for a FED code, in one query when the seat is
        held (the letter steps ask at every request); (None, None) for an unknown code."""
        mp = (
            MemberOfParliament.objects.select_related("riding")
            .filter(riding_id=fed_code, active=True)
            .first()
        )
        riding = mp.riding if mp is not None else self.filter(fed_code=fed_code).first()
        if riding is not None:
            riding.active_members = [mp] if mp is not None else []  # primes current_mp
        return riding, riding.current_mp if riding is not None else None


class Riding(models.Model):
    """A federal electoral district of the 2023 Representation Order.

    The FED code is its identity: names change (16 ridings were renamed in 2026), codes do not.
    """

    fed_code = models.CharField(
        _("FED code"),
        max_length=5,
        primary_key=True,
        validators=[RegexValidator(r"^\d{5}$", _("A FED code is five digits."))],
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    province = models.CharField(_("province"), max_length=2, choices=Province.choices)
    other_names = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Names the riding is also known by, such as the House of Commons' name."),
    )
    ocd_id = models.CharField(_("Open Civic Data id"), max_length=100, blank=True)
    marked_vacant = organizer_switch(
        _("seat marked vacant"),
        _(
            "An organizer's override: no letters go to this riding while it is set, "
            "whatever the imports say."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RidingQuerySet.as_manager()

    class Meta:
        ordering = ["province", "name_en"]
        verbose_name = _("riding")
        verbose_name_plural = _("ridings")

    def __str__(self):
        return f"{self.name_en} ({self.fed_code})"

    def name_for_language(self, language_code):
        return self.name_fr if language_code == "fr" else self.name_en

    @property
    def current_mp(self):
        """The sitting MP, or None when the seat is vacant."""
        if self.marked_vacant:
            return None
        members = getattr(self, "active_members", None)
        if members is not None:  # prefetched with Prefetch(to_attr="active_members")
            return members[0] if members else None
        return self.members.filter(active=True).first()


class MemberOfParliament(models.Model):
    """A member of the House of Commons, past or present. Nothing is ever deleted:
    an MP who left becomes inactive, so letters already sent keep their recipient."""

    class Language(models.TextChoices):
        """The official language an MP prefers, as the House of Commons publishes it."""

        EN = "en", _("English")
        FR = "fr", _("French")
        BOTH = "both", _("English and French")
        UNKNOWN = "", _("not known")

    class FormOfAddress(models.TextChoices):
        """How a French letter greets the MP: «Madame la Députée», «Monsieur le Député», or,
        when not known, the neutral «Bonjour <name>» (never guessed from a first name)."""

        MADAME = "madame", _("Madame")
        MONSIEUR = "monsieur", _("Monsieur")
        UNKNOWN = "", _("not known")

    class FormOfAddressOverride(models.TextChoices):
        """An organizer's choice of greeting, which wins over the imports."""

        FROM_IMPORTS = "", _("as the imports say")
        MADAME = "madame", _("Madame")
        MONSIEUR = "monsieur", _("Monsieur")
        NEUTRAL = "neutral", _("neutral greeting")

    class Source(models.TextChoices):
        CSV = "csv", _("CSV files")
        REPRESENT = "represent", _("Represent API")
        HOUSE_XML = "house-xml", _("House of Commons XML")
        ORGANIZER = "organizer", _("Organizer")

    riding = models.ForeignKey(
        Riding, verbose_name=_("riding"), related_name="members", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    honorific = models.CharField(_("honorific"), max_length=50, blank=True)
    party = models.CharField(_("party"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=4, choices=Language.choices, blank=True, default=""
    )
    form_of_address = models.CharField(
        _("form of address"), max_length=10, choices=FormOfAddress.choices, blank=True, default=""
    )
    photo_url = models.URLField(_("photo URL"), blank=True)
    offices = models.JSONField(_("offices"), default=list, blank=True)
    external_id = models.CharField(
        _("House of Commons person id"), max_length=20, blank=True, db_index=True
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    active = models.BooleanField(_("sitting"), default=True)
    email_override = models.EmailField(
        _("corrected email"),
        blank=True,
        help_text=_("An organizer's correction; it wins over every import."),
    )
    do_not_send = organizer_switch(_("do not send"), _("Block letters to this MP."))
    preferred_language_override = models.CharField(
        _("preferred language (organizer's choice)"),
        max_length=4,
        choices=[("", _("as the imports say"))]
        + [(value, label) for value, label in Language.choices if value],
        blank=True,
        default="",
        help_text=_(
            "Leave empty to follow the imports. Set it when you know better: it wins over every "
            "import and chooses the language the letter is offered in."
        ),
    )
    form_of_address_override = models.CharField(
        _("form of address (organizer's choice)"),
        max_length=10,
        choices=FormOfAddressOverride.choices,
        blank=True,
        default="",
        help_text=_(
            "How a French letter greets this MP. Leave empty to follow the imports; "
            "“neutral greeting” always opens with «Bonjour» and the MP's name."
        ),
    )
    contact_failing = organizer_switch(
        _("contact failing"),
        _("Set after repeated hard bounces; letters are refused until cleared."),
    )
    hard_bounces = models.PositiveSmallIntegerField(
        _("hard bounces in a row"),
        default=0,
        help_text=_(
            "Letters refused for good by this address since the last one delivered. At "
            "MP_HARD_BOUNCES_BEFORE_FAILING the contact is marked failing and this starts again."
        ),
    )
    letters_paused = organizer_switch(
        _("letters paused"),
        _(
            "Set when this MP's office reports one of our letters as spam. Supporters can still "
            "write; their letters wait in Held letters until this is cleared."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["riding__province", "riding__name_en", "-active"]
        verbose_name = _("member of Parliament")
        verbose_name_plural = _("members of Parliament")
        constraints = [
            models.UniqueConstraint(
                fields=["riding"],
                condition=models.Q(active=True),
                name="one_sitting_mp_per_riding",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def delivery_email(self):
        return self.email_override or self.email

    @property
    def party_name(self):
        """The party as the reader's language names it ("Liberal" → «Либеральная партия»)."""
        return party_name(self.party)

    @property
    def letter_language_preference(self):
        """en, fr, both or "" (not known): the organizer's choice, else the imports'."""
        return self.preferred_language_override or self.preferred_language

    @property
    def address_form(self):
        """madame, monsieur or "" (greet neutrally): the organizer's choice, else the imports'."""
        if self.form_of_address_override == self.FormOfAddressOverride.NEUTRAL:
            return ""
        return self.form_of_address_override or self.form_of_address

    @property
    def can_receive_letters(self):
        return (
            self.active
            and not self.do_not_send
            and not self.contact_failing
            and bool(self.delivery_email)
            and not self.riding.marked_vacant
        )


class PostcodeCacheEntry(models.Model):
    """A postal code's answer from Represent, kept so a code costs at most one call per period.

    An empty `fed_codes` list is a negative answer (an unknown code)."""

    postal_code = models.CharField(max_length=6, primary_key=True)
    fed_codes = models.JSONField(default=list)
    source = models.CharField(max_length=20, default="represent")
    fetched_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("postal code answer")
        verbose_name_plural = _("postal code answers")

    def __str__(self):
        return self.postal_code
