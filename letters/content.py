# ruff: noqa: E501  (letter paragraphs are single lines: the text is sent as written)
"""The first letter campaign: the letter in English and French, its Russian reference translation,
the prompts and the page's texts. `load_campaign_content` (the `letter_campaign` step) builds the
LetterCampaignPage at /en/write-to-your-mp/ from these, and its Russian translation through
wagtail-localize.

The letter follows the campaign's own text (shared/seed/campaign-page.txt): the four demands and
Bill C-2, with a bracketed slot for the supporter's story. `letters.forms` refuses a letter that
still holds that slot untouched, so an MP never receives the instruction itself.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from core.content.dsl import P, T, bullets, rich
from core.content.registry import content_step
from letters.models import LetterCampaignPage

LETTER_SUBJECT_EN = (
    "Please stand up for fair, transparent security screening, and for amendments to Bill C-2"
)
LETTER_BODY_EN = """Dear {mp_name},

I am writing to you as a constituent in {riding} about a problem that is quietly breaking the lives of people who have chosen Canada as their home.

[Tell {mp_name} in a few sentences who you are and why this matters to you: your own story, or the story of someone you know.]

Hundreds of people who fled authoritarian and sanctioned countries, among them Russia, Belarus, Kazakhstan and China, are stuck in security screenings that last for years, with no explanation and no chance to respond. Many of them live, study and work legally in Canada. Others have been refused entry altogether, even when they have family here, or after a province nominated them as professionals Canada needs.

They are scientists, doctors and engineers who left repression behind. Yet they are treated as suspects because of military service they could not refuse, an ordinary job at a state-owned company that was often the only employer in their field, or simply their place of birth. This is not about national security. It is discrimination based on birthplace and citizenship.

The Strong Borders Act, Bill C-2, would make this worse by letting the government pause or cancel immigration applications without due process or accountability.

I am asking you to:

1. Press for clear guidance that mandatory military service, without voluntary involvement or human rights violations, does not make anyone inadmissible.
2. Press for a clear statement that ordinary, non-managerial employment in a state-owned or state-affiliated company does not imply complicity or ideological alignment.
3. Support security screening that is transparent and time-bound, with clear timelines, regular updates and a fair chance for applicants to respond.
4. Urge faster ministerial relief for people found inadmissible solely because of symbolic or coerced affiliations, when they pose no threat.

I also ask you to oppose, or to amend, the parts of Bill C-2 that would allow applications to be paused or cancelled without due process.

Could you tell me what you will do on these points? I would be grateful for your reply.

Sincerely,

{supporter_name}
{supporter_city}, {supporter_postal_code}"""

LETTER_SUBJECT_FR = (
    "Pour un contrôle de sécurité équitable et transparent, et pour des amendements au projet "
    "de loi C-2"
)
# Reviewed by the campaign's language editor (docs/letter-tool.md lists the changes). The spaces
# before « : », « ; » and « ? » are no-break spaces (U+00A0), as Quebec typography wants.
LETTER_BODY_FR = """{salutation}

J’habite votre circonscription, {riding}, et je vous écris au sujet d’un problème qui brise en silence la vie de personnes ayant choisi le Canada comme terre d’accueil.

[Présentez-vous en quelques phrases et expliquez à {mp_name} pourquoi cette question vous touche : votre propre histoire ou celle d’une personne de votre entourage.]

Des centaines de personnes qui ont fui des pays autoritaires ou visés par des sanctions, notamment la Russie, le Bélarus, le Kazakhstan et la Chine, sont bloquées depuis des années à l’étape du contrôle de sécurité, sans explication ni possibilité de répondre. Beaucoup d’entre elles vivent, étudient et travaillent légalement au Canada. D’autres se sont vu refuser l’entrée au pays, même lorsqu’elles ont de la famille ici ou qu’une province les a désignées comme des spécialistes dont le Canada a besoin.

Ce sont des scientifiques, des médecins, des ingénieures et des ingénieurs qui ont fui la répression. Pourtant, on les traite en suspects en raison d’un service militaire auquel il était impossible de se soustraire, d’un emploi ordinaire dans une entreprise d’État — souvent le seul employeur de leur domaine — ou simplement de leur lieu de naissance. Il ne s’agit pas de sécurité nationale, mais de discrimination fondée sur le lieu de naissance et la citoyenneté.

Le projet de loi C-2, Loi visant une sécurité rigoureuse à la frontière, aggraverait la situation : il permettrait au gouvernement de suspendre ou d’annuler des demandes d’immigration sans équité procédurale ni reddition de comptes.

Je vous demande :

1) de réclamer des directives claires précisant que le service militaire obligatoire, sans participation volontaire ni violation des droits de la personne, ne constitue pas un motif d’interdiction de territoire ;
2) d’obtenir qu’il soit clairement établi qu’un emploi ordinaire, sans fonction de direction, dans une entreprise d’État ou liée à l’État n’implique ni complicité ni adhésion idéologique ;
3) d’appuyer un contrôle de sécurité transparent et limité dans le temps, avec des délais clairs, des nouvelles régulières sur l’état des dossiers et une véritable possibilité pour les demandeurs de répondre ;
4) de presser le gouvernement d’accorder plus rapidement une dispense ministérielle aux personnes jugées interdites de territoire uniquement en raison de liens symboliques ou imposés, lorsqu’elles ne représentent aucune menace.

Je vous demande aussi de vous opposer aux dispositions du projet de loi C-2 qui permettraient de suspendre ou d’annuler des demandes sans équité procédurale, ou d’obtenir qu’elles soient amendées.

Pourriez-vous me faire savoir ce que vous comptez faire à ce sujet ? Je vous remercie de l’attention que vous porterez à ma lettre et j’attends votre réponse avec intérêt.

{closing}

{supporter_name}
{supporter_city}, {supporter_postal_code}"""

REFERENCE_SUBJECT_RU = (
    "Прошу выступить за честную и прозрачную проверку безопасности и за поправки "
    "к законопроекту C-2"
)
REFERENCE_BODY_RU = """Здравствуйте, {mp_name}!

Я пишу вам как избиратель округа {riding} о проблеме, которая незаметно ломает жизни людей, выбравших Канаду своим домом.

[Расскажите депутату ({mp_name}) в нескольких предложениях, кто вы и почему это для вас важно: свою историю или историю знакомого человека.]

Сотни людей, бежавших из авторитарных стран и стран под санкциями, в том числе из России, Беларуси, Казахстана и Китая, годами проходят проверку безопасности, не получая ни объяснений, ни возможности ответить. Многие из них легально живут, учатся и работают в Канаде. Другим и вовсе отказали во въезде, даже если у них здесь семья или провинция пригласила их как специалистов, которые нужны Канаде.

Это учёные, врачи и инженеры, которые бежали от репрессий. Но к ним относятся как к подозреваемым: из-за военной службы, от которой нельзя было отказаться, из-за обычной работы в государственной компании — зачастую единственном работодателе в их профессии — или просто из-за места рождения. Дело здесь не в национальной безопасности. Это дискриминация по месту рождения и гражданству.

Законопроект C-2, «Закон о надёжных границах» (Strong Borders Act), сделает положение ещё хуже: он позволит правительству приостанавливать и отменять иммиграционные заявления без надлежащей правовой процедуры и без всякой подотчётности.

Я прошу вас:

1. Добиваться чётких разъяснений, что обязательная военная служба без добровольного участия и без нарушений прав человека не делает человека недопустимым к въезду.
2. Добиваться чёткого заявления, что рядовая работа (не на руководящей должности) в государственной компании или компании, связанной с государством, не означает ни соучастия, ни идеологической близости к режиму.
3. Поддержать прозрачную проверку безопасности в ограниченные сроки: с понятным графиком, регулярными сообщениями о ходе дела и реальной возможностью для заявителей ответить.
4. Настаивать, чтобы министр быстрее принимал решения об освобождении (ministerial relief) для тех, кого признали недопустимыми к въезду только из-за символической или вынужденной связи с государством, если они не представляют угрозы.

Я также прошу вас выступить против тех положений законопроекта C-2, которые позволяют приостанавливать или отменять заявления без надлежащей процедуры, или добиться поправок к ним.

Не могли бы вы рассказать, что вы намерены сделать по этим вопросам? Заранее благодарю за ответ.

С уважением,

{supporter_name}
{supporter_city}, {supporter_postal_code}"""

# Translatable fields: English source, Russian translation (through wagtail-localize).
LETTER_CAMPAIGN = {
    "title": T("Write to your MP", "Напишите своему депутату"),
    "search_description": T(
        "Find your MP from your postal code and send them a personal letter.",
        "Найдите своего депутата по почтовому индексу и отправьте ему личное письмо.",
    ),
    "intro": rich(
        P(
            T(
                "Your MP represents you in Parliament, and a personal letter from a constituent "
                "is one of the few things every MP’s office reads. Ask them to stand up for "
                "fairness, transparency, and the Canada that welcomes — not rejects — people "
                "seeking safety and freedom.",
                "Депутат представляет вас в парламенте, а личные письма избирателей — то "
                "немногое, что в офисе каждого депутата действительно читают. Попросите его "
                "отстаивать справедливость, прозрачность и ту Канаду, которая принимает, а не "
                "отвергает людей, ищущих безопасности и свободы.",
            )
        ),
        P(
            T(
                "Find your MP with your postal code, make the letter your own, and confirm it "
                "by email. We deliver it to your MP’s office, with your email address for "
                "their reply.",
                "Найдите своего депутата по почтовому индексу, сделайте письмо своим и "
                "подтвердите его по электронной почте. Мы доставим его в офис депутата и "
                "укажем ваш адрес электронной почты, чтобы вам могли ответить.",
            )
        ),
    ),
    "reference_subject": T(LETTER_SUBJECT_EN, REFERENCE_SUBJECT_RU),
    "reference_body": T(LETTER_BODY_EN, REFERENCE_BODY_RU),
    "writing_prompts": rich(
        bullets(
            T(
                "Who are you? Where do you live and work, and how long have you been in Canada?",
                "Кто вы? Где вы живёте и работаете, давно ли вы в Канаде?",
            ),
            T(
                "Has a long security screening, a refusal or Bill C-2 touched you, your family "
                "or your friends? What happened?",
                "Коснулись ли вас, вашей семьи или друзей затянувшаяся проверка безопасности, "
                "отказ или законопроект C-2? Что произошло?",
            ),
            T(
                "What has the waiting cost: a job, studies, a funeral you could not attend, "
                "plans on hold?",
                "Чем обернулось для вас ожидание: потерянной работой, прерванной учёбой, "
                "похоронами, на которые не удалось поехать, отложенными планами?",
            ),
            T(
                "Why does a fair and transparent immigration system matter to you?",
                "Почему для вас важна честная и прозрачная иммиграционная система?",
            ),
            T(
                "Be polite and specific: one true story counts for more than strong words.",
                "Пишите вежливо и по существу: одна правдивая история убеждает сильнее громких "
                "слов.",
            ),
            T(
                "Write your part in English or French: your MP’s office reads both.",
                "Свою часть пишите по-английски или по-французски: в офисе депутата читают на "
                "обоих языках.",
            ),
        )
    ),
    "thank_you_text": rich(
        P(
            T(
                "Thank you for writing. Letters like yours show MPs that the people of their "
                "riding care about fair treatment for newcomers, and every letter counts.",
                "Спасибо, что написали! Такие письма показывают депутатам, что жителям их "
                "округа не всё равно, как обращаются с новыми канадцами, и каждое письмо "
                "имеет значение.",
            )
        ),
        P(
            T(
                "If your MP replies, please tell us what they said: it helps us know where "
                "each MP stands.",
                "Если депутат ответит, расскажите нам, что он написал: так мы узнаем позицию "
                "каждого депутата.",
            )
        ),
    ),
    "share_text": T(
        "Write to your MP against immigration discrimination and for amendments to Bill C-2. "
        "It takes five minutes.",
        "Напишите своему депутату: против дискриминации в иммиграции и за поправки к "
        "законопроекту C-2. Это займёт пять минут.",
    ),
}

# Synchronized fields: the letter that is sent (English and French), the goal and the switches.
LETTER_CAMPAIGN_SETTINGS = {
    "letter_subject_en": LETTER_SUBJECT_EN,
    "letter_body_en": LETTER_BODY_EN,
    "letter_subject_fr": LETTER_SUBJECT_FR,
    "letter_body_fr": LETTER_BODY_FR,
    "goal": 1000,
    "require_confirmation": True,
    "allow_editing": True,
}


@content_step(order=20)
def letter_campaign(loader):
    """The letter campaign at /en/write-to-your-mp/ under the home page, and its Russian
    translation. A StandardPage placeholder left by an earlier run is replaced (with its
    translations) once; after that a run changes nothing."""
    home = loader.pages["home"]
    slug = "write-to-your-mp"
    placeholder = (
        Page.objects.child_of(home)
        .filter(slug=slug)
        .exclude(content_type=ContentType.objects.get_for_model(LetterCampaignPage))
        .first()
    )
    if placeholder is not None:
        for page in placeholder.get_translations(inclusive=False):
            page.delete()
        TranslationSource.objects.filter(object_id=placeholder.translation_key).delete()
        placeholder.delete()
        loader.ownership.forget("letter")
        loader.changed(f"removed the placeholder page /{slug}/")
    loader.pages["letter"] = loader.page(
        home, LetterCampaignPage, slug, LETTER_CAMPAIGN, "letter", LETTER_CAMPAIGN_SETTINGS
    )
