"""The questions and answers."""

from core.content.dsl import P, T, rich, stream


def question(anchor, text, answer):
    return ("question", {"question": text, "anchor": anchor, "answer": answer})


FAQ = {
    "title": T("Questions and answers", "Вопросы и ответы"),
    "search_description": T(
        "How the letter tool works, what happens to your data, and why a letter to your MP "
        "matters.",
        "Как отправить письмо депутату, что происходит с вашими данными и почему такое письмо "
        "действительно важно.",
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
                        "постоянных резидентов, студентов, иностранных работников и тех, кто ждёт "
                        "решения по своему делу. Нужен только адрес в Канаде.",
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
