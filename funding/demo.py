"""The 2024 funding call exactly as DOMAIN.md describes it, and an open demo round for ``make run``."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from funding.enums import UseCase
from funding.models import CallDocument, CallQuestion, FundingCall
from members.demo import seed_contact_person
from members.enums import OrganisationType
from members.selectors import organisations_named, organisations_with_region

HELSINKI = ZoneInfo("Europe/Helsinki")
SLUG_2024 = "tekoalyhankkeet-2024"
SLUG_DEMO = "tekoalyhankkeet-demo"

TITLE = (
    "Tekoälyhankkeiden rahoitushaku hyvinvointialueille 2024",
    "Ansökan om finansiering för AI-projekt för välfärdsområden 2024",
    "Funding call for AI projects in the welfare regions 2024",
)
SUMMARY = (
    "Sosiaali- ja terveysministeriön perustama SOTE-tekoälyn ekosysteemi kerää hyvinvointialueilta, "
    "HUS-yhtymältä ja Helsingin kaupungilta hanke-ehdotuksia ja -ideoita, joiden pohjalta toteutettaville "
    "hankkeille on jaossa 2–3 miljoonaa euroa sosiaali- ja terveysalan tekoälykehityksen edistämiseen.",
    "Ekosystemet för AI inom social- och hälsovården, grundat av social- och hälsovårdsministeriet, samlar "
    "in projektförslag och projektidéer från välfärdsområdena, HUS-sammanslutningen och Helsingfors stad. "
    "2–3 miljoner euro fördelas till projekten för att främja AI-utvecklingen inom social- och hälsovården.",
    "The national health and social care AI ecosystem, founded by the Ministry of Social Affairs and "
    "Health, invites the welfare regions, the HUS Group and the City of Helsinki to propose AI projects; "
    "2–3 million euros are available for the projects to advance AI in health and social care.",
)
DESCRIPTION = (
    "Toteutuskelpoisimpia hankkeita rahoitetaan sosiaali- ja terveysministeriön toimesta maksimissaan "
    "50 prosentin osuudella hankkeen kustannuksista. Rahoitus on tarkoitettu erityisesti hankkeen ulkoisiin "
    "kustannuksiin, kuten teknologioihin ja niiden käyttöä tukevien asiantuntijapalveluiden hankintaan.\n\n"
    "Hankkeessa on keskeistä todentaa **vaikuttavuus** tai **laajamittainen lopputuotoksen käyttöönotto** "
    "hankkeen jälkeen. Etusijalla ovat hankkeet, jotka tukevat yhteistyötä eri toimijoiden välillä ja "
    "edistävät kokemusten ja ratkaisujen leviämistä, sekä suhteellisen nopeasti toteutettavat ratkaisut, "
    "jotka tuottavat konkreettisen tuloksen vuonna 2025 tai perustellusti vuonna 2026.",
    "Social- och hälsovårdsministeriet finansierar de mest genomförbara projekten med högst 50 procent av "
    "projektets kostnader. Finansieringen är framför allt avsedd för externa kostnader, såsom upphandling "
    "av teknik och av expertis som stöder användningen av den.\n\n"
    "Det centrala är att påvisa **effekterna** eller att resultatet **tas i bruk i stor skala** efter "
    "projektet. Företräde ges åt projekt som stöder samarbete mellan aktörer och sprider erfarenheter och "
    "lösningar, och åt lösningar som ger konkreta resultat 2025 eller, med motivering, 2026.",
    "The Ministry of Social Affairs and Health funds the most feasible projects, covering at most 50 per "
    "cent of a project's costs. The funding is meant mainly for external costs, such as technologies and "
    "the expert services needed to use them.\n\n"
    "A project must demonstrate its **effectiveness** or the **large-scale deployment** of its result "
    "after the project. Priority goes to projects that support cooperation between actors and spread "
    "experiences and solutions, and to relatively quick solutions with concrete results in 2025 or, where "
    "justified, 2026.",
)
PROCESS = (
    "- Haussa jätetyt ehdotukset käsitellään hankehaun ohjausryhmässä, joka koostuu sosiaali- ja "
    "terveysministeriön virkamiehistä ja aihealueen asiantuntijoista.\n"
    "- Sosiaali- ja terveysministeriö päättää jatkosuunnitteluun valitut marraskuun alussa 2024.\n"
    "- Jatkosuunnittelu valittujen hankkeiden kanssa toteutetaan DigiFinland Oy:n toimesta "
    "marraskuussa 2024.\n"
    "- Rahoituksen saaneet hankkeet julkistetaan sosiaali- ja terveysministeriön toimesta joulukuun 2024 "
    "loppuun mennessä.",
    "- Förslagen behandlas av styrgruppen för ansökningsomgången, som består av tjänstemän vid social- och "
    "hälsovårdsministeriet och sakkunniga på området.\n"
    "- Social- och hälsovårdsministeriet väljer ut projekten för fortsatt planering i början av "
    "november 2024.\n"
    "- DigiFinland Oy planerar de utvalda projekten vidare tillsammans med dem i november 2024.\n"
    "- Social- och hälsovårdsministeriet offentliggör de finansierade projekten före utgången av "
    "december 2024.",
    "- The proposals are handled by the call's steering group of officials of the Ministry of Social "
    "Affairs and Health and subject-matter experts.\n"
    "- The Ministry chooses the projects for further planning in early November 2024.\n"
    "- DigiFinland Oy plans the chosen projects further with them in November 2024.\n"
    "- The Ministry announces the funded projects by the end of December 2024.",
)
DOCUMENTS = [
    (
        "tarkistuslista.pdf",
        (
            "Käytännönläheinen tarkistuslista (pdf)",
            "Praktisk checklista (pdf)",
            "Practical checklist (PDF)",
        ),
        "Tarkistuslista: asiat, jotka hankkeen on vähintään otettava huomioon",
    ),
    (
        "kysymyksia-ja-vastauksia.pdf",
        (
            "Kysymyksiä ja vastauksia rahoitushausta (pdf)",
            "Frågor och svar om ansökan (pdf)",
            "Questions and answers about the call (PDF)",
        ),
        "Kysymyksiä ja vastauksia rahoitushausta",
    ),
]
FAQ = [
    (
        (
            "Kuka voi olla päähakijana?",
            "Vem kan vara huvudsökande?",
            "Who can be the lead applicant?",
        ),
        (
            "Päähakijana voi olla hyvinvointialue, HUS-yhtymä tai Helsingin kaupunki. Muut toimijat, kuten "
            "yritykset, virastot, laitokset ja tutkijat, voivat osallistua kumppaneina.",
            "Huvudsökande kan vara ett välfärdsområde, HUS-sammanslutningen eller Helsingfors stad. Andra "
            "aktörer, såsom företag, myndigheter, inrättningar och forskare, kan delta som partner.",
            "The lead applicant must be a welfare region, the HUS Group or the City of Helsinki. Others, "
            "such as companies, agencies, institutes and researchers, can take part as partners.",
        ),
    ),
    (
        (
            "Kuinka suuren osan kustannuksista rahoitus voi kattaa?",
            "Hur stor del av kostnaderna kan finansieringen täcka?",
            "How large a share of the costs can the funding cover?",
        ),
        (
            "Enintään 50 prosenttia hankkeen kustannuksista.",
            "Högst 50 procent av projektets kostnader.",
            "At most 50 per cent of the project's costs.",
        ),
    ),
    (
        (
            "Mistä alkaen kustannukset ovat hyväksyttäviä?",
            "Från när är kostnaderna stödberättigande?",
            "From when are costs eligible?",
        ),
        (
            "Rahoitusta voi saada 1.1.2025 jälkeen aiheutuviin kuluihin.",
            "Finansiering kan beviljas för kostnader som uppstår efter 1.1.2025.",
            "Costs incurred from 1 January 2025 on are eligible.",
        ),
    ),
]


def _dates(day: date) -> tuple[str, str, str]:
    """``day`` as the fi, sv and en texts write it."""
    numeric = f"{day.day}.{day.month}.{day.year}"
    return numeric, numeric, f"{day.day} {day:%B} {day.year}"


def _faq(earliest_cost_date: date) -> list:
    """The questions and answers, the eligible costs' date being the call's own."""
    fi, sv, en = _dates(earliest_cost_date)
    costs = (
        f"Rahoitusta voi saada {fi} jälkeen aiheutuviin kuluihin.",
        f"Finansiering kan beviljas för kostnader som uppstår efter {sv}.",
        f"Costs incurred from {en} on are eligible.",
    )
    return [*FAQ[:-1], (FAQ[-1][0], costs)]


def _demo_texts(*, closes_at: datetime, earliest_cost_date: date) -> dict:
    """The example round's description and timetable, following from its own dates (not 2024's)."""
    year = earliest_cost_date.year
    description = tuple(
        text.replace("2026", str(year + 1)).replace("2025", str(year)) for text in DESCRIPTION
    )
    closes = timezone.localtime(closes_at, HELSINKI).date()
    chosen = closes + timedelta(days=14)
    planned = chosen + timedelta(days=28)
    announced = (planned.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)
    c, p, a = _dates(chosen), _dates(planned), _dates(announced)
    process = (
        f"{PROCESS[0].split(chr(10))[0]}\n"
        f"- Sosiaali- ja terveysministeriö päättää jatkosuunnitteluun valitut viimeistään {c[0]}.\n"
        f"- DigiFinland Oy suunnittelee valittujen hankkeiden jatkon niiden kanssa {c[0]}–{p[0]}.\n"
        f"- Rahoituksen saaneet hankkeet julkistetaan viimeistään {a[0]}.",
        f"{PROCESS[1].split(chr(10))[0]}\n"
        f"- Social- och hälsovårdsministeriet väljer ut projekten för fortsatt planering senast {c[1]}.\n"
        f"- DigiFinland Oy planerar de utvalda projekten vidare tillsammans med dem {c[1]}–{p[1]}.\n"
        f"- De finansierade projekten offentliggörs senast {a[1]}.",
        f"{PROCESS[2].split(chr(10))[0]}\n"
        f"- The Ministry chooses the projects for further planning by {c[2]}.\n"
        f"- DigiFinland Oy plans the chosen projects further with them from {c[2]} to {p[2]}.\n"
        f"- The funded projects are announced by {a[2]}.",
    )
    return {
        "description": description[0],
        **_translated("description", description),
        "process": process[0],
        **_translated("process", process),
    }


def _eligible_lead_applicants():
    return organisations_with_region(type=OrganisationType.WELFARE_REGION).union(
        organisations_named(names_fi=["HUS-yhtymä", "Helsingin kaupunki"])
    )


def _document_pdf(title: str) -> bytes:
    from outbox.pdf import render_pdf

    return render_pdf(template="pdf/funding_document.html", context={"title": title}, language="fi")


def _translated(prefix: str, values) -> dict:
    return {f"{prefix}_{lang}": value for lang, value in zip(("fi", "sv", "en"), values, strict=True)}


def _fill(call: FundingCall) -> None:
    from funding.services.forms import call_form_give_default

    call_form_give_default(call=call, actor=None)
    eligible = list(_eligible_lead_applicants())
    call.eligible_organisations.set([o.pk for o in eligible])
    if not call.documents.exists():
        for order, (filename, titles, heading) in enumerate(DOCUMENTS, start=1):
            document = CallDocument(call=call, order=order, title=titles[0], **_translated("title", titles))
            document.file.save(filename, ContentFile(_document_pdf(heading)), save=False)
            document.save()
    if not call.questions.exists():
        for order, (questions, answers) in enumerate(_faq(call.earliest_cost_date), start=1):
            CallQuestion.objects.create(
                call=call,
                order=order,
                question=questions[0],
                answer=answers[0],
                **_translated("question", questions),
                **_translated("answer", answers),
            )


def _call_values(title) -> dict:
    return {
        "title": title[0],
        **_translated("title", title),
        "summary": SUMMARY[0],
        **_translated("summary", SUMMARY),
        "description": DESCRIPTION[0],
        **_translated("description", DESCRIPTION),
        "process": PROCESS[0],
        **_translated("process", PROCESS),
        "budget_min": Decimal("2000000.00"),
        "budget_max": Decimal("3000000.00"),
        "projects_min": 5,
        "projects_max": 10,
        "max_share": Decimal("50.00"),
        "earliest_cost_date": date(2025, 1, 1),
        "use_cases": list(UseCase.values),
    }


def seed_2024(*, stdout=None) -> FundingCall:
    """The 2024 round: open 16.9.–25.10.2024, 2–3 M€, about 5–10 projects, at most 50 %,
    costs from 1.1.2025 on."""
    call, created = FundingCall.objects.get_or_create(
        slug=SLUG_2024,
        defaults={
            **_call_values(TITLE),
            "opens_at": datetime(2024, 9, 16, 0, 0, tzinfo=HELSINKI),
            "closes_at": datetime(2024, 10, 25, 23, 59, 59, tzinfo=HELSINKI),
        },
    )
    _fill(call)
    return call


def seed_demo_round(now: datetime | None = None) -> FundingCall:
    """A round open now, so that `make run` shows a live call and applications can be tried out; its
    texts (eligible costs, timetable, results) follow from its own dates."""
    now = now or timezone.now()
    demo_title = (
        "Tekoälyhankkeiden rahoitushaku (esimerkkikierros)",
        "Ansökan om finansiering för AI-projekt (exempelomgång)",
        "Funding call for AI projects (example round)",
    )
    closes_at = (
        (now + timedelta(days=30)).astimezone(HELSINKI).replace(hour=16, minute=0, second=0, microsecond=0)
    )
    earliest_cost_date = date(now.year + 1, 1, 1)
    demo, _ = FundingCall.objects.get_or_create(
        slug=SLUG_DEMO,
        defaults={
            **_call_values(demo_title),
            **_demo_texts(closes_at=closes_at, earliest_cost_date=earliest_cost_date),
            "opens_at": (now - timedelta(days=7)).replace(microsecond=0),
            "closes_at": closes_at,
            "earliest_cost_date": earliest_cost_date,
            "summary": "Esimerkkikierros paikallista kokeilua varten.",
            "summary_fi": "Esimerkkikierros paikallista kokeilua varten.",
            "summary_sv": "En exempelomgång för lokala försök.",
            "summary_en": "An example round for trying the portal out locally.",
        },
    )
    _fill(demo)
    return demo


def seed(*, stdout) -> None:
    call = seed_2024()
    demo = seed_demo_round()
    _seed_applicant(stdout)
    _seed_review(call, stdout)
    stdout.write(
        f"  funding calls: {call.title_fi} ({call.eligible_organisations.count()} eligible lead applicants), "
        f"{demo.title_fi}"
    )


def _seed_applicant(stdout) -> None:
    """A contact person of Pirkanmaan hyvinvointialue, to try applying (demo password)."""
    from core.demo import DEMO_PASSWORD

    organisation = organisations_named(names_fi=["Pirkanmaan hyvinvointialue"]).first()
    if organisation is None:
        return
    email = "hyvinvointialue@example.fi"
    seed_contact_person(
        organisation=organisation,
        email=email,
        first_name="Hanna",
        last_name="Hankevastaava",
        title="Kehitysjohtaja",
        language="fi",
    )
    stdout.write(f"  applicant: {email} (Pirkanmaan hyvinvointialue, password {DEMO_PASSWORD})")


COMMITMENT_KEYS = (
    "commitment_legislation",
    "commitment_sharing",
    "commitment_evaluation",
    "commitment_responsible_ai",
)

#: The 2024 round's proposals for the demo: (project, use case, requested €, granted € or None).
PROPOSALS_2024 = [
    ("Hoitajakuiskaaja kotihoitoon", UseCase.NURSE_WHISPERER, "320000", "300000"),
    ("Oirearvio ja palveluohjaus chatissa", UseCase.SYMPTOM_ASSESSMENT, "280000", "260000"),
    ("Tukiäly ihomuutosten arviointiin", UseCase.DECISION_SUPPORT, "250000", "220000"),
    ("Palvelutarpeen ennakointi ikäihmisille", UseCase.SERVICE_NEED_PREDICTION, "300000", "250000"),
    ("Lausuntojen luonnostelu tekoälyllä", UseCase.ADMINISTRATIVE_BURDEN, "180000", "180000"),
    ("Reaaliaikainen tulkkaus vastaanotolla", UseCase.INTERPRETATION, "240000", "200000"),
    ("Kirjaamisen avustaja sosiaalityöhön", UseCase.ADMINISTRATIVE_BURDEN, "200000", "190000"),
    ("Päivystyksen kiireellisyysarvio", UseCase.SYMPTOM_ASSESSMENT, "260000", "230000"),
    ("Lääkityksen tarkistuksen tukiäly", UseCase.DECISION_SUPPORT, "220000", "200000"),
    ("Kaatumisriskin ennustaminen", UseCase.SERVICE_NEED_PREDICTION, "210000", "190000"),
    ("Asiakaspalautteen luokittelu", UseCase.OTHER, "150000", None),
    ("Ajanvarauksen optimointi", UseCase.OTHER, "190000", None),
    ("Terveystarkastusten esitäyttö", UseCase.ADMINISTRATIVE_BURDEN, "160000", None),
    ("Puheentunnistus kotikäynneille", UseCase.NURSE_WHISPERER, "230000", None),
]


def _seed_review(call: FundingCall, stdout) -> None:
    """The 2024 round as it went: proposals, reviews, decisions released and announced.

    Goes through the review's services, as the steering group and the ministry would.
    """
    from django.contrib.auth import get_user_model

    from funding.enums import ApplicationStatus as S
    from funding.enums import BudgetCategory
    from funding.models import Answer, Application, BudgetLine
    from funding.services import review as review_services

    if call.applications.exists():
        return
    users = get_user_model().objects
    coordinator = users.filter(email="koordinaattori@example.fi").first()
    reviewers = list(users.filter(email__in=["ohjausryhma@example.fi", "arvioija@example.fi"]))
    maker = users.filter(email="paattaja@example.fi").first()
    if coordinator is None or maker is None or len(reviewers) < 2:
        return
    review_services.call_add_default_criteria(call=call, actor=coordinator)
    criteria = list(call.criteria.all())
    questions = {q.key: q for q in call.form_questions.all()}
    leads = list(call.eligible_organisations.order_by("name")[: len(PROPOSALS_2024)])
    submitted = datetime(2024, 10, 24, 12, 0, tzinfo=HELSINKI)
    for index, ((name, use_case, requested, granted), lead) in enumerate(
        zip(PROPOSALS_2024, leads, strict=False)
    ):
        text = f"{name}: {lead.name}."
        application = Application.objects.create(
            call=call,
            organisation=lead,
            status=S.SUBMITTED,
            project_name=name,
            use_case=use_case,
            requested_amount=Decimal(requested),
            submitted_at=submitted,
            version=2,
            summary=text,
        )
        Answer.objects.bulk_create(
            Answer(application=application, question=questions[key], value=value)
            for key, value in [
                *((key, text) for key in ("problem", "solution", "ai_used", "effectiveness", "schedule")),
                *((key, True) for key in COMMITMENT_KEYS),
            ]
        )
        total = Decimal(requested) * 2
        BudgetLine.objects.create(
            application=application,
            category=BudgetCategory.EXTERNAL_TECHNOLOGY,
            year=2025,
            amount=total * 3 / 5,
        )
        BudgetLine.objects.create(
            application=application, category=BudgetCategory.OWN_PERSONNEL, year=2025, amount=total * 2 / 5
        )
        review_services.application_version_save(application)
        review_services.application_check_eligibility(
            application=application, actor=coordinator, eligible=True
        )
        review_services.reviewer_assign(applications=[application], reviewers=reviewers, actor=coordinator)
        for offset, person in enumerate(reviewers):
            value = max(1, min(5, 5 - index // 3 - offset % 2))
            review_services.review_save(
                application=application,
                actor=person,
                scores={c.pk: review_services.ScoreData(value) for c in criteria},
                recommendation="fund" if granted else "do_not_fund",
                submit=True,
            )
        chosen = review_services.decision_record(
            application=application, actor=coordinator, outcome=S.CHOSEN if granted else S.NOT_CHOSEN
        )
        review_services.decision_confirm(decision=chosen, actor=maker)
        if granted:
            review_services.application_move(
                application=application, actor=coordinator, new_status=S.FURTHER_PLANNING
            )
            funded = review_services.decision_record(
                application=application, actor=coordinator, outcome=S.FUNDED, granted_amount=granted
            )
            review_services.decision_confirm(decision=funded, actor=maker)
    review_services.call_announce_decisions(call=call, actor=maker)
    stdout.write(f"  review: {call.applications.count()} proposals of 2024 reviewed, decided and announced")
