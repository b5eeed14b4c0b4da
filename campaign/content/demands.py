"""The demands page: the campaign's four demands, each with its explanation. The English is
the campaign's own text (shared/seed/campaign-page.txt)."""

from core.content.dsl import P, T, rich, stream


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
        "Четыре требования, которые мы просим поддержать каждого депутата: справедливая, "
        "прозрачная и ограниченная по срокам проверка безопасности для новоприбывших.",
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
                "участия и без нарушений прав человека не может быть основанием, чтобы признать "
                "человека недопустимым к въезду (inadmissible).",
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
                "Канада должна разъяснить, что рядовая работа — не на руководящей должности — в "
                "государственной компании или компании, связанной с государством, не означает ни "
                "соучастия, ни идеологической близости к режиму.",
            ),
            rich(
                P(
                    T(
                        "Doctors in public hospitals, researchers in state universities and "
                        "engineers in large utilities often had no private employer to choose. "
                        "Their work served patients, students and ordinary people.",
                        "У врачей государственных больниц, исследователей государственных "
                        "университетов и инженеров крупных предприятий часто просто не было "
                        "частного работодателя. Они работали для пациентов, студентов и "
                        "обычных людей.",
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
                "времени: с понятными сроками, регулярными сообщениями о ходе дела и реальной "
                "возможностью для заявителя ответить на претензии.",
            ),
            rich(
                P(
                    T(
                        "Some applicants have waited more than three years without a single "
                        "update. Nobody can defend themselves against concerns they are never "
                        "told about.",
                        "Некоторые заявители ждут больше трёх лет и за всё это время не получили "
                        "ни одной новости о своём деле. Невозможно опровергнуть подозрения, о "
                        "которых тебе даже не сообщают.",
                    )
                ),
            ),
        ),
        demand(
            "ministerial-relief",
            T("Faster ministerial relief", "Ускорить освобождение по решению министра"),
            T(
                "Canada should expedite ministerial relief for individuals found inadmissible "
                "solely for symbolic or coerced affiliations when they pose no threat.",
                "Канада должна быстрее рассматривать ходатайства об освобождении по решению "
                "министра (ministerial relief) для тех, кого признали недопустимыми к въезду "
                "лишь из-за формальной или вынужденной связи с государством, если они не "
                "представляют угрозы.",
            ),
            rich(
                P(
                    T(
                        "Ministerial relief exists for exactly these cases, but decisions take "
                        "years. A fast, fair process would end the limbo for people who pose no "
                        "risk.",
                        "Освобождение по решению министра придумано как раз для таких случаев, "
                        "но решения принимаются годами. Быстрая и справедливая процедура "
                        "положила бы конец неопределённости для людей, которые не представляют "
                        "никакой опасности.",
                    )
                ),
            ),
        ),
    ),
}
