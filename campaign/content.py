"""The campaign's first content, in English (the source) and Russian (its translation).

Every translatable text is a T(english, russian) pair so both languages are written side by side
and keep the same structure; `load_campaign_content` builds the English pages from the first
half and hands the second half to wagtail-localize as the Russian translation. The English copy
on the home and demands pages is the campaign's own text (shared/seed/campaign-page.txt).
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """One text in English and Russian."""

    en: str
    ru: str


@dataclass(frozen=True)
class P:
    """A rich-text paragraph."""

    text: T


@dataclass(frozen=True)
class H3:
    """A rich-text subheading."""

    text: T


@dataclass(frozen=True)
class UL:
    """A rich-text bulleted list."""

    items: tuple


@dataclass(frozen=True)
class Rich:
    """Rich text made of paragraphs, subheadings and lists."""

    parts: tuple


def rich(*parts):
    return Rich(parts)


def bullets(*items):
    return UL(items)


@dataclass(frozen=True)
class Stream:
    """A StreamField value: (block type, value) pairs."""

    blocks: tuple


def stream(*blocks):
    return Stream(blocks)


def paragraph(*parts):
    return ("paragraph", Rich(parts))


def heading(en, ru):
    return ("heading", {"text": T(en, ru)})


CONTACT_EMAIL = "hello@letusbelong.ca"
EMAIL_LINK = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'


# --- Home -------------------------------------------------------------------------------------

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
        "Сотни людей, бежавших из авторитарных стран, годами ждут непрозрачной проверки "
        "безопасности в Канаде. Попросите своего депутата вмешаться.",
    ),
    "hero_heading": T("End immigration discrimination", "Остановим дискриминацию в иммиграции"),
    "hero_text": rich(
        P(
            T(
                "We demand that Canada uphold its values of fairness, justice, and human rights "
                "in its immigration system.",
                "Мы требуем, чтобы Канада оставалась верна своим ценностям — справедливости, "
                "правосудию и правам человека — и в своей иммиграционной системе.",
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
                    "из России, Беларуси, Казахстана, Китая и некоторых других государств "
                    "бывшего Советского Союза — застряли в бесконечных непрозрачных "
                    "проверках безопасности, которые годами тянутся без всяких объяснений. "
                    "Многие из них законно живут, учатся и работают в Канаде, но их будущее"
                    " поставлено на паузу из-за системной предвзятости и бюрократической "
                    "несправедливости.",
                )
            ),
            P(
                T(
                    "Others have been unfairly refused entry to Canada altogether — even when they "
                    "have family here, or when they were nominated by Canadian provinces as "
                    "valuable professionals in high-demand fields.",
                    "Другим несправедливо отказали во въезде в Канаду — даже тем, у кого здесь "
                    "семья, и тем, кого канадские провинции сами пригласили как ценных "
                    "специалистов в востребованных профессиях.",
                )
            ),
            P(
                T(
                    "These people are not threats — they are scientists, doctors, and engineers "
                    "who left repression behind to build safe lives here. But they’re being "
                    "treated as suspects due to far-fetched accusations of espionage based on:",
                    "Эти люди не представляют угрозы: это учёные, врачи и инженеры, которые "
                    "оставили репрессии позади, чтобы построить здесь безопасную жизнь. Но к ним "
                    "относятся как к подозреваемым из-за надуманных обвинений в шпионаже — на "
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
                    "Семьи теряют законный статус, не могут приехать на похороны близких за "
                    "границей и годами живут в подвешенном состоянии: не могут ни "
                    "интегрироваться, ни строить планы, ни даже вывезти родных в безопасное "
                    "место из страны происхождения.",
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
                    "А теперь предложенный Закон о надёжных границах (законопроект C-2) может "
                    "сделать всё ещё хуже: он даёт правительству право приостанавливать или "
                    "аннулировать иммиграционные заявления без надлежащей правовой процедуры и "
                    "без всякой подотчётности.",
                )
            ),
        ),
    ),
}


# --- The letter page (a placeholder until the letters app brings its own page type) -----------

LETTER_PAGE = {
    "title": T("Write to your MP", "Напишите своему депутату"),
    "search_description": T(
        "Find your MP from your postal code and send them a personal letter.",
        "Найдите своего депутата по почтовому индексу и отправьте ему личное письмо.",
    ),
    "intro": T(
        "Send a letter to your representative now. Urge them to stand up for fairness, "
        "transparency, and the Canada that welcomes — not rejects — people seeking safety and "
        "freedom.",
        "Отправьте письмо своему депутату прямо сейчас. Призовите его отстаивать "
        "справедливость, прозрачность и ту Канаду, которая принимает, а не отвергает людей, "
        "ищущих безопасности и свободы.",
    ),
    "body": stream(
        paragraph(
            P(
                T(
                    "Enter your postal code to find your Member of Parliament, then write a "
                    "personal letter in your own words. We send it from our server to your MP’s "
                    "office, with your email address for their reply.",
                    "Введите свой почтовый индекс, чтобы найти своего депутата парламента, и "
                    "напишите личное письмо своими словами. Мы отправим его с нашего сервера в "
                    "офис депутата, указав ваш адрес электронной почты для ответа.",
                )
            ),
            P(
                T(
                    "A personal letter from a constituent counts far more than a signature on a "
                    "petition. Tell your MP who you are and why this matters to you.",
                    "Личное письмо избирателя весит гораздо больше, чем подпись под петицией. "
                    "Расскажите депутату, кто вы и почему это для вас важно.",
                )
            ),
        ),
    ),
}


# --- Demands ----------------------------------------------------------------------------------


def demand(anchor, title, summary, explanation):
    return (
        "demand",
        {"title": title, "anchor": anchor, "summary": summary, "explanation": explanation},
    )


DEMANDS = {
    "title": T("Our demands", "Наши требования"),
    "search_description": T(
        "Four things we ask every MP to stand for: fair, transparent and time-bound security "
        "screening for newcomers.",
        "Четыре вещи, которые мы просим поддержать каждого депутата: справедливая, прозрачная и "
        "ограниченная по срокам проверка безопасности для новоприбывших.",
    ),
    "intro": rich(P(T("We’re calling on MPs to act.", "Мы призываем депутатов действовать."))),
    "demands": stream(
        demand(
            "military-service",
            T("Conscription is not a threat", "Призыв — не угроза"),
            T(
                "Canada should issue clear guidance stating that mandatory military service "
                "without voluntary involvement or human rights violations cannot make someone "
                "inadmissible.",
                "Канада должна чётко разъяснить: обязательная военная служба без добровольного "
                "участия и без нарушений прав человека не может быть основанием для "
                "недопустимости.",
            ),
            rich(
                P(
                    T(
                        "In Russia, Belarus and many other countries, military service is "
                        "compulsory for men. Serving as a conscript, often decades ago, was not "
                        "a choice and says nothing about loyalty to a regime.",
                        "В России, Беларуси и многих других странах военная служба для мужчин "
                        "обязательна. Служба по призыву, часто много лет назад, не была выбором "
                        "и ничего не говорит о преданности режиму.",
                    )
                ),
                P(
                    T(
                        "Officers need written guidance so that conscription alone is never "
                        "treated as grounds for refusal.",
                        "Сотрудникам иммиграционных служб нужны письменные указания, чтобы сам "
                        "по себе призыв никогда не становился основанием для отказа.",
                    )
                ),
            ),
        ),
        demand(
            "ordinary-jobs",
            T("An ordinary job is not complicity", "Обычная работа — не соучастие"),
            T(
                "Canada should clarify that ordinary, non-managerial employment in state-owned or "
                "affiliated companies does not imply complicity or ideological alignment.",
                "Канада должна разъяснить, что обычная работа не на руководящих должностях в "
                "государственных или связанных с государством компаниях не означает ни "
                "соучастия, ни идеологической близости.",
            ),
            rich(
                P(
                    T(
                        "Doctors in public hospitals, researchers in state universities and "
                        "engineers in large utilities often had no private employer to choose. "
                        "Their work served patients, students and ordinary people.",
                        "У врачей государственных больниц, исследователей государственных "
                        "университетов и инженеров крупных предприятий часто просто не было "
                        "частного работодателя. Их работа служила пациентам, студентам и "
                        "обычным людям.",
                    )
                ),
            ),
        ),
        demand(
            "transparent-screening",
            T("Transparent, time-bound screening", "Прозрачная проверка с чёткими сроками"),
            T(
                "Canada must make security screening transparent and time-bound, with clear "
                "timelines, regular updates, and a fair chance for applicants to respond.",
                "Канада должна сделать проверку безопасности прозрачной и ограниченной по "
                "времени: с понятными сроками, регулярными новостями о ходе дела и реальной "
                "возможностью для заявителя ответить на претензии.",
            ),
            rich(
                P(
                    T(
                        "Some applicants have waited more than three years without a single "
                        "update. Nobody can defend themselves against concerns they are never "
                        "told about.",
                        "Некоторые заявители ждут больше трёх лет, не получив ни одной весточки. "
                        "Невозможно оправдаться от подозрений, о которых тебе даже не сообщают.",
                    )
                ),
            ),
        ),
        demand(
            "ministerial-relief",
            T("Faster ministerial relief", "Быстрое решение министра"),
            T(
                "Canada should expedite ministerial relief for individuals found inadmissible "
                "solely for symbolic or coerced affiliations when they pose no threat.",
                "Канада должна ускорить рассмотрение ходатайств о снятии недопустимости "
                "министром для тех, кого признали недопустимыми лишь из-за формальной или "
                "вынужденной связи с государством, если они не представляют угрозы.",
            ),
            rich(
                P(
                    T(
                        "Ministerial relief exists for exactly these cases, but decisions take "
                        "years. A fast, fair process would end the limbo for people who pose no "
                        "risk.",
                        "Механизм снятия недопустимости министром создан именно для таких "
                        "случаев, но решения принимаются годами. Быстрая и справедливая "
                        "процедура положила бы конец неопределённости для людей, которые не "
                        "представляют никакого риска.",
                    )
                ),
            ),
        ),
    ),
}


# --- FAQ --------------------------------------------------------------------------------------


def question(anchor, text, answer):
    return ("question", {"question": text, "anchor": anchor, "answer": answer})


FAQ = {
    "title": T("Questions and answers", "Вопросы и ответы"),
    "search_description": T(
        "How the letter tool works, what happens to your data, and why a letter to your MP "
        "matters.",
        "Как работает сервис писем, что происходит с вашими данными и почему письмо депутату "
        "имеет значение.",
    ),
    "intro": rich(
        P(
            T(
                "Short answers to what supporters ask us most often. Each question has its own "
                "link you can share.",
                "Короткие ответы на вопросы, которые нам задают чаще всего. У каждого вопроса есть "
                "своя ссылка, которой можно поделиться.",
            )
        )
    ),
    "questions": stream(
        question(
            "why-write-to-my-mp",
            T("Why write to my MP?", "Зачем писать депутату?"),
            rich(
                P(
                    T(
                        "MPs answer to the people in their riding. A personal letter from a "
                        "constituent is read by their office and counted; many letters on one "
                        "subject tell an MP that voters care about it.",
                        "Депутат отвечает перед жителями своего избирательного округа. Личное "
                        "письмо избирателя читают в его офисе и учитывают, а много писем на одну "
                        "тему показывают депутату, что избирателям это не безразлично.",
                    )
                )
            ),
        ),
        question(
            "not-a-citizen",
            T(
                "Can I write if I am not a Canadian citizen?",
                "Можно ли писать, если я не гражданин Канады?",
            ),
            rich(
                P(
                    T(
                        "Yes. MPs represent everyone who lives in their riding, including "
                        "permanent residents, students, workers and people waiting for a "
                        "decision. You only need an address in Canada.",
                        "Да. Депутат представляет всех, кто живёт в его округе, в том числе "
                        "постоянных жителей, студентов, работников и тех, кто ждёт решения по "
                        "своему делу. Нужен только адрес в Канаде.",
                    )
                )
            ),
        ),
        question(
            "is-it-safe",
            T(
                "Is it safe to write if my own application is pending?",
                "Безопасно ли писать, если моё заявление ещё на рассмотрении?",
            ),
            rich(
                P(
                    T(
                        "Writing to your MP is a normal, lawful part of democratic life in "
                        "Canada and cannot count against an immigration application. Your "
                        "letter goes only to your MP’s office; we never publish it.",
                        "Письмо депутату — обычная и законная часть демократической жизни в "
                        "Канаде, и оно не может повредить иммиграционному заявлению. Ваше письмо "
                        "попадает только в офис вашего депутата; мы никогда его не публикуем.",
                    )
                )
            ),
        ),
        question(
            "which-language",
            T("In which language is my letter sent?", "На каком языке отправляется письмо?"),
            rich(
                P(
                    T(
                        "In your MP’s official language, English or French. If you read Russian "
                        "better, you will see a Russian translation beside the text that is "
                        "actually sent.",
                        "На официальном языке вашего депутата — английском или французском. Если "
                        "вам удобнее читать по-русски, рядом с текстом, который будет отправлен, "
                        "вы увидите его перевод на русский.",
                    )
                )
            ),
        ),
        question(
            "what-data",
            T(
                "What do you do with my personal data?",
                "Что вы делаете с моими личными данными?",
            ),
            rich(
                P(
                    T(
                        "We collect only what an MP needs to answer a constituent, send it only "
                        "to that MP’s office, and delete the letter text 30 days after sending. "
                        "Our privacy policy explains every detail.",
                        "Мы собираем только то, что нужно депутату, чтобы ответить избирателю, "
                        "передаём это только в офис этого депутата и удаляем текст письма через "
                        "30 дней после отправки. Все подробности — в нашей политике "
                        "конфиденциальности.",
                    )
                )
            ),
        ),
        question(
            "bill-c-2",
            T(
                "What is Bill C-2, the Strong Borders Act?",
                "Что такое законопроект C-2, Закон о надёжных границах?",
            ),
            rich(
                P(
                    T(
                        "A federal bill that would give the government broad power to pause or "
                        "cancel immigration applications and documents. We ask MPs to make sure "
                        "any such power comes with due process and accountability.",
                        "Это федеральный законопроект, который даст правительству широкие "
                        "полномочия приостанавливать или аннулировать иммиграционные заявления и "
                        "документы. Мы просим депутатов добиться, чтобы такие полномочия "
                        "сопровождались надлежащей правовой процедурой и подотчётностью.",
                    )
                )
            ),
        ),
    ),
}


# --- News -------------------------------------------------------------------------------------

NEWS_INDEX = {
    "title": T("News", "Новости"),
    "search_description": T(
        "News from the Let Us Belong campaign.", "Новости кампании Let Us Belong."
    ),
    "intro": rich(
        P(
            T(
                "What is happening with the campaign, in Parliament and in the immigration system.",
                "Что происходит с кампанией, в парламенте и в иммиграционной системе.",
            )
        )
    ),
}

NEWS = [
    {
        "slug": "bill-c-2-strong-borders-act",
        "date": datetime.date(2026, 10, 20),
        "title": T(
            "Bill C-2, the Strong Borders Act: what it could mean for people in screening",
            "Законопроект C-2, «Закон о надёжных границах»: чем он грозит людям, ждущим проверки",
        ),
        "search_description": T(
            "Bill C-2 would let the government pause or cancel immigration applications in bulk. "
            "Why that worries people stuck in security screening.",
            "Законопроект C-2 позволит правительству массово приостанавливать или аннулировать "
            "иммиграционные заявления. Почему это тревожит людей, застрявших в проверке.",
        ),
        "summary": T(
            "The Strong Borders Act would give the government power to pause or cancel "
            "immigration applications without due process. Here is why that matters.",
            "Закон о надёжных границах даст правительству право приостанавливать или "
            "аннулировать иммиграционные заявления без надлежащей правовой процедуры. "
            "Объясняем, почему это важно.",
        ),
        "body": stream(
            paragraph(
                P(
                    T(
                        "Bill C-2, the Strong Borders Act, was introduced in Parliament in June "
                        "2025. Alongside border and policing measures, it contains powers that "
                        "would let the government pause, suspend or cancel immigration "
                        "applications and documents, including whole groups of them at once, "
                        "when it considers this to be in the public interest.",
                        "Законопроект C-2, «Закон о надёжных границах», был внесён в парламент в "
                        "июне 2025 года. Помимо мер по охране границы и работе полиции, он "
                        "содержит полномочия, позволяющие правительству приостанавливать или "
                        "аннулировать иммиграционные заявления и документы — в том числе целыми "
                        "группами сразу, — если оно сочтёт это отвечающим общественным "
                        "интересам.",
                    )
                ),
            ),
            heading("Why it worries us", "Почему это нас тревожит"),
            paragraph(
                P(
                    T(
                        "People from Russia, Belarus, Kazakhstan, China and other countries "
                        "already wait years in security screening without explanation. A power "
                        "to stop or cancel applications in bulk, without a hearing or a duty to "
                        "give reasons, could leave them with no way to respond at all.",
                        "Люди из России, Беларуси, Казахстана, Китая и других стран и так годами "
                        "ждут проверки безопасности без всяких объяснений. Право массово "
                        "останавливать или аннулировать заявления — без слушаний и без "
                        "обязанности объяснять причины — может лишить их всякой возможности "
                        "ответить.",
                    )
                ),
                P(
                    T(
                        "Canada can protect its borders and treat applicants fairly at the same "
                        "time. Any new power needs clear limits, reasons given to the people "
                        "affected, and a way to challenge the decision.",
                        "Канада может одновременно защищать свои границы и справедливо "
                        "относиться к заявителям. Любым новым полномочиям нужны чёткие рамки, "
                        "объяснение причин тем, кого они касаются, и возможность обжаловать "
                        "решение.",
                    )
                ),
            ),
            heading("What you can do", "Что вы можете сделать"),
            paragraph(
                P(
                    T(
                        "Write to your MP and ask them to insist on due process and "
                        "accountability in Bill C-2, and to support transparent, time-bound "
                        "security screening.",
                        "Напишите своему депутату и попросите его настаивать на надлежащей "
                        "правовой процедуре и подотчётности в законопроекте C-2, а также "
                        "поддержать прозрачную проверку безопасности с чёткими сроками.",
                    )
                ),
            ),
        ),
    },
    {
        "slug": "letters-to-mps-open",
        "date": datetime.date(2026, 11, 18),
        "title": T(
            "Write to your MP: our letter tool is open",
            "Напишите депутату: сервис писем открыт",
        ),
        "search_description": T(
            "Find your MP from your postal code and send a personal letter in minutes.",
            "Найдите своего депутата по почтовому индексу и отправьте личное письмо за несколько "
            "минут.",
        ),
        "summary": T(
            "Find your MP from your postal code and send a personal letter about discrimination "
            "in immigration screening, in a few minutes.",
            "Найдите своего депутата по почтовому индексу и за несколько минут отправьте личное "
            "письмо о дискриминации при иммиграционной проверке.",
        ),
        "body": stream(
            paragraph(
                P(
                    T(
                        "Starting today, anyone living in Canada can use this site to write to "
                        "their Member of Parliament. Enter your postal code, check that we found "
                        "the right MP, and write your letter from our template and prompts.",
                        "С сегодняшнего дня каждый, кто живёт в Канаде, может написать своему "
                        "депутату парламента прямо с этого сайта. Введите почтовый индекс, "
                        "проверьте, что мы нашли нужного депутата, и напишите письмо на основе "
                        "нашего шаблона и подсказок.",
                    )
                ),
                P(
                    T(
                        "Nothing is sent until you confirm it by email. Your letter goes to your "
                        "MP alone, and its text is deleted 30 days after it is sent.",
                        "Ничего не отправляется, пока вы не подтвердите письмо по электронной "
                        "почте. Письмо получит только ваш депутат, а его текст мы удалим через 30 "
                        "дней после отправки.",
                    )
                ),
                P(
                    T(
                        "Please tell your MP your own story: personal letters are the ones that "
                        "get read.",
                        "Пожалуйста, расскажите депутату свою историю: читают именно личные "
                        "письма.",
                    )
                ),
            ),
        ),
    },
]


# --- Plain pages ------------------------------------------------------------------------------

ABOUT = {
    "title": T("About us", "О нас"),
    "search_description": T(
        "Let Us Belong is a volunteer campaign against discrimination in Canada’s immigration "
        "system.",
        "Let Us Belong — волонтёрская кампания против дискриминации в иммиграционной системе "
        "Канады.",
    ),
    "intro": T(
        "Let Us Belong is a volunteer campaign of newcomers to Canada and the people who stand "
        "with them.",
        "Let Us Belong — волонтёрская кампания новоприбывших в Канаду и тех, кто их поддерживает.",
    ),
    "body": stream(
        paragraph(
            P(
                T(
                    "Many of us came from Russia, Belarus, Kazakhstan, China and other countries "
                    "under authoritarian rule. We study, work, pay taxes and raise our children "
                    "here, and some of us have waited years for a decision that never comes.",
                    "Многие из нас приехали из России, Беларуси, Казахстана, Китая и других "
                    "стран с авторитарными режимами. Мы учимся, работаем, платим налоги и "
                    "растим здесь детей, а некоторые из нас годами ждут решения, которое так и "
                    "не приходит.",
                )
            ),
            P(
                T(
                    "We ask Parliament for fair, transparent and time-bound security screening, "
                    "and for an end to treating people as suspects because of where they were "
                    "born.",
                    "Мы просим парламент о справедливой, прозрачной и ограниченной по срокам "
                    "проверке безопасности и о том, чтобы людей перестали считать "
                    "подозреваемыми из-за места рождения.",
                )
            ),
            P(
                T(
                    "We are independent of any party or government. The site loads nothing from "
                    "third parties and uses no trackers.",
                    "Мы не зависим ни от каких партий и правительств. Сайт ничего не загружает "
                    "со сторонних ресурсов и не использует трекеры.",
                )
            ),
        ),
    ),
}

PRIVACY = {
    "title": T("Privacy policy", "Политика конфиденциальности"),
    "search_description": T(
        "What we collect when you write to your MP, who receives it, how long we keep it and how "
        "to have it deleted.",
        "Что мы собираем, когда вы пишете депутату, кто это получает, как долго мы это храним и "
        "как это удалить.",
    ),
    "intro": T(
        "We collect as little as we can, use it only to deliver your letter, and delete it on a "
        "fixed schedule.",
        "Мы собираем как можно меньше данных, используем их только для доставки вашего письма и "
        "удаляем по чёткому графику.",
    ),
    "body": stream(
        heading("What we collect", "Что мы собираем"),
        paragraph(
            P(
                T(
                    "When you write to your MP we ask for:",
                    "Когда вы пишете депутату, мы просим указать:",
                )
            ),
            bullets(
                T("your name;", "ваше имя;"),
                T("your email address;", "адрес электронной почты;"),
                T(
                    "your street address, city and postal code (MPs answer the people of their "
                    "riding, and the postal code finds your MP);",
                    "почтовый адрес, город и почтовый индекс (депутаты отвечают жителям своего "
                    "округа, а по индексу мы находим вашего депутата);",
                ),
                T("the letter you write.", "текст вашего письма."),
            ),
            P(
                T(
                    "We do not use cookies for tracking, analytics or advertising, and nothing on "
                    "this site is loaded from third parties.",
                    "Мы не используем файлы cookie для слежения, аналитики или рекламы, и ничто "
                    "на этом сайте не загружается со сторонних ресурсов.",
                )
            ),
        ),
        heading("Who receives it", "Кто получает данные"),
        paragraph(
            P(
                T(
                    "Your letter, with your name, email and address, is sent only to your Member "
                    "of Parliament and read by them and their staff. We never sell or share your "
                    "data with anyone else, and we never publish letters.",
                    "Ваше письмо вместе с именем, адресом электронной почты и почтовым адресом "
                    "отправляется только вашему депутату парламента, и читают его только он и "
                    "сотрудники его офиса. Мы никогда не продаём ваши данные, никому больше их "
                    "не передаём и никогда не публикуем письма.",
                )
            ),
        ),
        heading("How long we keep it", "Как долго мы храним данные"),
        paragraph(
            bullets(
                T(
                    "The text of your letter is deleted 30 days after it is sent.",
                    "Текст письма удаляется через 30 дней после отправки.",
                ),
                T(
                    "A letter you never confirm is deleted after 7 days.",
                    "Неподтверждённое письмо удаляется через 7 дней.",
                ),
                T(
                    "Your name, email and address are deleted after 365 days, unless you chose to "
                    "receive campaign updates.",
                    "Ваше имя, адрес электронной почты и почтовый адрес удаляются через 365 дней, "
                    "если только вы не согласились получать новости кампании.",
                ),
            ),
        ),
        heading("The emails you will receive", "Какие письма вы получите"),
        paragraph(
            bullets(
                T(
                    "a confirmation email with the link that sends your letter;",
                    "письмо с подтверждением и ссылкой, по которой ваше письмо будет отправлено;",
                ),
                T(
                    "a copy of your letter once it has been sent to your MP;",
                    "копию вашего письма после того, как оно ушло депутату;",
                ),
                T(
                    "a notice if your letter could not be delivered;",
                    "уведомление, если письмо не удалось доставить;",
                ),
                T(
                    "campaign updates, only if you ticked the box asking for them.",
                    "новости кампании — только если вы сами отметили, что хотите их получать.",
                ),
            ),
        ),
        heading("Getting your data exported or deleted", "Как получить или удалить свои данные"),
        paragraph(
            P(
                T(
                    f"Email {EMAIL_LINK} to get a copy of the data we hold about you, to correct "
                    "it, or to have it deleted. We answer within 30 days.",
                    f"Напишите на {EMAIL_LINK}, чтобы получить копию данных, которые мы о вас "
                    "храним, исправить их или удалить. Мы отвечаем в течение 30 дней.",
                )
            ),
        ),
    ),
}

CONTACT = {
    "title": T("Contact", "Контакты"),
    "search_description": T(
        "How to reach the Let Us Belong campaign.", "Как связаться с кампанией Let Us Belong."
    ),
    "intro": T(
        "We read every message, in English or in Russian.",
        "Мы читаем каждое сообщение — на английском или на русском.",
    ),
    "body": stream(
        paragraph(
            P(
                T(
                    f"Write to us at {EMAIL_LINK}.",
                    f"Пишите нам на {EMAIL_LINK}.",
                )
            ),
            P(
                T(
                    "Journalists, community groups and MPs’ offices are welcome. If you are "
                    "stuck in security screening and want to share your story, tell us only what "
                    "you are comfortable sharing.",
                    "Мы рады журналистам, общественным организациям и офисам депутатов. Если вы "
                    "застряли в проверке безопасности и хотите рассказать свою историю, "
                    "делитесь только тем, чем вам комфортно поделиться.",
                )
            ),
        ),
    ),
}

NAVIGATION_FOOTER_TEXT = rich(
    P(
        T(
            "Let Us Belong is a volunteer campaign for fair treatment of newcomers in Canada’s "
            "immigration system.",
            "Let Us Belong — волонтёрская кампания за справедливое отношение к новоприбывшим в "
            "иммиграционной системе Канады.",
        )
    )
)
