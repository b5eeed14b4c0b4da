"""The home page, in English and Russian, fed to `load_campaign_content`: it is the root of each
language's tree and the site's root page. The English is the campaign's own text
(shared/seed/campaign-page.txt)."""

from django.core.management.base import CommandError

from core.content.dsl import P, T, bullets, paragraph, rich, stream
from core.content.registry import content_step
from home.models import HomePage

HOME = {
    "title": T(
        "Let Us Belong: End Immigration Discrimination",
        "Let Us Belong: остановим дискриминацию в иммиграции",
    ),
    "seo_title": T(
        "Let Us Belong: End Immigration Discrimination",
        "Let Us Belong — остановим дискриминацию в иммиграции",
    ),
    "search_description": T(
        "Hundreds of people who fled authoritarian countries are stuck for years in opaque "
        "security screening in Canada. Ask your MP to act.",
        "Сотни людей, бежавших из авторитарных стран, годами не могут дождаться конца "
        "непрозрачной проверки безопасности в Канаде. Попросите своего депутата вмешаться.",
    ),
    "hero_heading": T("End immigration discrimination", "Остановим дискриминацию в иммиграции"),
    "hero_text": rich(
        P(
            T(
                "We demand that Canada uphold its values of fairness, justice, and human rights "
                "in its immigration system.",
                "Мы требуем, чтобы Канада и в иммиграционной системе оставалась верна своим "
                "ценностям: справедливости, верховенству права и правам человека.",
            )
        )
    ),
    "call_to_action_text": T("Write to your MP", "Написать депутату"),
    "body": stream(
        paragraph(
            P(
                T(
                    "Hundreds of people fleeing authoritarian and sanctioned countries — including "
                    "Russia, Belarus, Kazakhstan, China, and citizens of some countries of the "
                    "former Soviet Union — are trapped in endless, opaque security screenings that "
                    "drag on for years without explanation. Many live, study, and work legally in "
                    "Canada, yet their futures remain on hold because of systemic bias and "
                    "bureaucratic injustice.",
                    "Сотни людей, бежавших из авторитарных стран и стран под санкциями, — "
                    "из России, Беларуси, Казахстана и ряда других стран бывшего Советского "
                    "Союза, а также из Китая — застряли в бесконечных непрозрачных проверках "
                    "безопасности, которые тянутся годами без всяких объяснений. Многие из них "
                    "легально живут, учатся и работают в Канаде, но их будущее висит в воздухе "
                    "из-за системной предвзятости и бюрократической несправедливости.",
                )
            ),
            P(
                T(
                    "Others have been unfairly refused entry to Canada altogether — even when they "
                    "have family here, or when they were nominated by Canadian provinces as "
                    "valuable professionals in high-demand fields.",
                    "Другим и вовсе несправедливо отказали во въезде в Канаду — даже тем, у кого "
                    "здесь семья, и тем, кого канадские провинции сами отобрали по своим "
                    "программам как ценных специалистов в востребованных профессиях.",
                )
            ),
            P(
                T(
                    "These people are not threats — they are scientists, doctors, and engineers "
                    "who left repression behind to build safe lives here. But they’re being "
                    "treated as suspects due to far-fetched accusations of espionage based on:",
                    "Эти люди не представляют угрозы: это учёные, врачи и инженеры, которые "
                    "уехали от репрессий, чтобы спокойно жить и работать здесь. Но к ним "
                    "относятся как к подозреваемым и надуманно обвиняют в шпионаже — на "
                    "основании:",
                )
            ),
            bullets(
                T(
                    "Mandatory military service, which was not a choice;",
                    "обязательной военной службы, которую никто не выбирал;",
                ),
                T(
                    "Ordinary jobs in state-owned or state-affiliated companies, often the only "
                    "option available for professionals in certain fields (medicine, science, "
                    "engineering, education);",
                    "обычной работы в государственных или связанных с государством компаниях — "
                    "зачастую единственного варианта для специалистов в некоторых областях "
                    "(медицина, наука, инженерное дело, образование);",
                ),
                T(
                    "Or simply being born in a sanctioned country.",
                    "или просто рождения в стране, попавшей под санкции.",
                ),
            ),
            P(
                T(
                    "Families are losing their legal status, missing the funerals of loved ones "
                    "abroad, and spending years in limbo — unable to integrate, plan their "
                    "futures, or even reach safety from their countries of origin.",
                    "Семьи теряют легальный статус, не могут поехать на похороны близких за "
                    "границей и годами живут в подвешенном состоянии: ни обустроиться в новой "
                    "стране, ни строить планы, ни даже выбраться в безопасное место из страны, "
                    "откуда они бежали.",
                )
            ),
            P(
                T(
                    "<b>This isn’t about national security — it’s discrimination based on "
                    "birthplace and citizenship.</b>",
                    "<b>Дело не в национальной безопасности — это дискриминация по месту рождения "
                    "и гражданству.</b>",
                )
            ),
            P(
                T(
                    "Now, the proposed Strong Borders Act (Bill C-2) could make this even worse, "
                    "giving the government power to pause or cancel immigration applications "
                    "without due process or accountability.",
                    "А теперь внесённый в парламент «Закон о надёжных границах» (законопроект "
                    "C-2) может сделать всё ещё хуже: он даст правительству право "
                    "приостанавливать или аннулировать иммиграционные заявления без надлежащей "
                    "правовой процедуры и без всякой подотчётности.",
                )
            ),
        ),
    ),
}


@content_step(order=10)
def home_page(loader):
    """The home page in both languages, the default site pointing at it, and the Translators'
    page permissions below the Russian home."""
    loader.remove_wagtail_welcome_page()
    home = loader.pages["home"] = loader.page(None, HomePage, "home", HOME, "home")
    if home is None:
        raise CommandError(
            "The English home page was deleted in the admin; "
            "`load_campaign_content --reset` builds it again."
        )
    loader.point_site_at(home)
    russian_home = home.get_translation_or_none(loader.target_locale)
    if russian_home is not None:
        loader.grant_translators(russian_home)


@content_step(order=30)
def home_call_to_action(loader):
    """The home's call to action leads to the letter page, when the loader built one and still
    owns the home page."""
    home, letter = loader.pages["home"], loader.pages.get("letter")
    if letter is None or home.call_to_action_page_id == letter.pk or not loader.owns("home"):
        return
    home.call_to_action_page = letter
    home = loader.pages["home"] = loader.republish_source(home, "home")
    loader.changed("linked the home page to the letter page")
    loader.translate(home, HOME, "home")


@content_step(order=90)
def home_translation_source(loader):
    """Its children were added since: record the final state in its translation source."""
    loader.translate(loader.pages["home"], HOME, "home")
