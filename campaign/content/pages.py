"""The plain pages: about, privacy policy, contact."""

from core.content.dsl import P, T, bullets, heading, paragraph, stream

CONTACT_EMAIL = "hello@letusbelong.ca"
EMAIL_LINK = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'


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
                    "Мы не используем файлы cookie для слежки, аналитики или рекламы, и ничего "
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
                    "рассказывайте только то, чем готовы поделиться.",
                )
            ),
        ),
    ),
}
