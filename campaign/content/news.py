"""The news index and the first news."""

import datetime

from core.content.dsl import P, T, heading, paragraph, rich, stream

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
                        "июне 2025 года. Кроме мер по охране границы и новых полномочий полиции, "
                        "в нём есть положения, которые позволят правительству приостанавливать "
                        "или аннулировать иммиграционные заявления и документы — в том числе "
                        "целыми группами сразу, — если оно сочтёт, что этого требуют "
                        "общественные интересы.",
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
                        "проходят проверку безопасности без всяких объяснений. Право массово "
                        "приостанавливать или аннулировать заявления — без слушаний и без "
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
            "Напишите депутату: теперь это можно сделать прямо на нашем сайте",
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
