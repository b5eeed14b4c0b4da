"""The "Where MPs stand" page in English and Russian, fed to `load_campaign_content`.

Step 35 puts the page under the home page (before the navigation is built at 40, which links
to it); step 45, once the demands page exists, brings the `Demand` rows in line with it."""

from core.content.dsl import P, T, rich
from core.content.registry import content_step
from replies.demands import sync_demands
from replies.models import WhereMPsStandPage

WHERE_MPS_STAND = {
    "title": T("Where MPs stand", "Позиции депутатов"),
    "search_description": T(
        "Every riding's MP: where they stand on our demands, how many letters they received and "
        "whether they reply to constituents.",
        "Депутаты всех округов: их позиция по нашим требованиям, сколько писем они получили и "
        "отвечают ли избирателям.",
    ),
    "intro": rich(
        P(
            T(
                "Find your MP and see where they stand on each of our demands, how many letters "
                "people in their riding have sent, and whether they answer.",
                "Найдите своего депутата и посмотрите, как он относится к каждому из наших "
                "требований, сколько писем ему отправили жители округа и отвечает ли он на них.",
            )
        ),
        P(
            T(
                "Organizers record each position from public statements and replies, with the "
                "date and a source. If you know of one we have missed, write to us.",
                "Волонтёры кампании записывают позицию каждого депутата по его публичным "
                "заявлениям и ответам, с датой и ссылкой на источник. Если вы знаете о "
                "заявлении, которое мы пропустили, напишите нам.",
            )
        ),
    ),
    "figures_explanation": rich(
        P(
            T(
                "Two weeks after a letter is sent, we ask the supporters who agreed to it whether "
                "their MP replied. The figures count their answers: they show what supporters "
                "told us, not every reply an office sent.",
                "Через две недели после отправки письма мы спрашиваем тех, кто на это "
                "согласился, ответил ли им депутат. Цифры — это их ответы: они показывают то, "
                "что нам рассказали сторонники кампании, а не все ответы, отправленные офисом "
                "депутата.",
            )
        ),
        P(
            T(
                "Offices receive very different numbers of letters, so a percentage from a few "
                "answers would mislead. Supporters who did not expect a reply are left out of the "
                "percentage.",
                "Офисы получают очень разное число писем, и процент по нескольким ответам ввёл "
                "бы в заблуждение. Тех, кто и не ждал ответа, мы в процент не включаем.",
            )
        ),
    ),
}


@content_step(order=35)
def where_mps_stand_page(loader):
    home = loader.pages["home"]
    loader.pages["where_mps_stand"] = loader.page(
        home, WhereMPsStandPage, "where-mps-stand", WHERE_MPS_STAND, "where_mps_stand"
    )


@content_step(order=45)
def campaign_demands(loader):
    if changed := sync_demands():
        loader.changed(f"{changed} demand(s) brought in line with the demands page")
