"""Demo member surveys: four closed rounds over two years with answers (a rising average) and the
round at the end of 2026 open for answers."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from kpi.demo import backdate_memberships
from members.enums import MembershipStatus
from members.models import ContactPerson, Organisation
from surveys.enums import QuestionKind, RoundState
from surveys.models import Answer, Invitation, Question, Response, SurveyRound

# days before today the round closed (negative: still open), fi / sv / en title, mean score
ROUNDS = [
    (690, "Jäsenkysely, kevät 2025", "Medlemsenkät, våren 2025", "Member survey, spring 2025", 3.3),
    (510, "Jäsenkysely, syksy 2025", "Medlemsenkät, hösten 2025", "Member survey, autumn 2025", 3.5),
    (330, "Jäsenkysely, kevät 2026", "Medlemsenkät, våren 2026", "Member survey, spring 2026", 3.7),
    (150, "Jäsenkysely, kesä 2026", "Medlemsenkät, sommaren 2026", "Member survey, summer 2026", 3.9),
    (-21, "Jäsenkysely 2026", "Medlemsenkät 2026", "Member survey 2026", None),
]
QUESTIONS = [
    (
        QuestionKind.SCALE,
        "Kuinka tyytyväinen organisaationne on kokonaisuutena ekosysteemin toimintaan?",
        "Hur nöjd är er organisation med ekosystemets verksamhet som helhet?",
        "How satisfied is your organisation with the ecosystem's work overall?",
        True,
    ),
    (
        QuestionKind.SCALE,
        "Kuinka hyödyllisiä AI-aamut ovat olleet organisaatiollenne?",
        "Hur nyttiga har AI-morgnarna varit för er organisation?",
        "How useful have the AI mornings been for your organisation?",
        False,
    ),
    (
        QuestionKind.SCALE,
        "Kuinka hyvin uutiskirje pitää teidät ajan tasalla?",
        "Hur väl håller nyhetsbrevet er uppdaterade?",
        "How well does the newsletter keep you up to date?",
        False,
    ),
    (
        QuestionKind.SCALE,
        "Kuinka hyvin ekosysteemi tukee tekoälyn käyttöönottoa organisaatiossanne?",
        "Hur väl stöder ekosystemet införandet av AI i er organisation?",
        "How well does the ecosystem support putting AI to use in your organisation?",
        False,
    ),
    (
        QuestionKind.TEXT,
        "Mitä ekosysteemin pitäisi tehdä toisin tai enemmän?",
        "Vad borde ekosystemet göra annorlunda eller mer av?",
        "What should the ecosystem do differently, or more of?",
        False,
    ),
]
COMMENTS = [
    "Lisää alueellisia tapaamisia ja konkreettisia esimerkkejä.",
    "AI-aamut ovat erinomaisia, tallenteet auttavat.",
    "Hankintaosaamisen tukea tarvitaan lisää.",
    "Tietosuojakysymyksiin toivomme yhteisiä linjauksia.",
    "",
]


def _score(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def seed(*, stdout) -> None:
    if SurveyRound.objects.filter(title_fi=ROUNDS[0][1]).exists():
        stdout.write("  survey demo data already present")
        return
    rng = random.Random(2025)  # noqa: S311 - demo data
    now = timezone.now()
    # Answers over two years need members over two years (the kpi demo does the same, idempotently).
    backdate_memberships(now=now)
    members = list(Organisation.objects.filter(status=MembershipStatus.MEMBER).order_by("id"))
    if not members:
        stdout.write("  no member organisations: no survey demo data")
        return
    contacts = list(
        ContactPerson.objects.filter(organisation__status=MembershipStatus.MEMBER).order_by(
            "organisation_id", "id"
        )
    )
    for days_ago, fi, sv, en, mean in ROUNDS:
        closes_at = now - timedelta(days=days_ago)
        survey = SurveyRound.objects.create(
            title=fi,
            title_fi=fi,
            title_sv=sv,
            title_en=en,
            introduction_fi="Vastaa organisaatiosi puolesta. Vastaaminen vie noin viisi minuuttia.",
            introduction_sv="Svara för er organisations räkning. Det tar ungefär fem minuter.",
            introduction_en="Answer on behalf of your organisation. It takes about five minutes.",
            state=RoundState.OPEN if mean is None else RoundState.CLOSED,
            closes_at=closes_at,
            opened_at=closes_at - timedelta(days=28),
            closed_at=None if mean is None else closes_at,
            reminders_sent_at=None if mean is None else closes_at - timedelta(days=7),
            created_at=closes_at - timedelta(days=35),
        )
        questions = Question.objects.bulk_create(
            Question(
                round=survey,
                kind=kind,
                text=q_fi,
                text_fi=q_fi,
                text_sv=q_sv,
                text_en=q_en,
                required=req,
                order=n,
            )
            for n, (kind, q_fi, q_sv, q_en, req) in enumerate(QUESTIONS)
        )
        if mean is None:
            # The open round: the contact persons of today's members got their private links.
            Invitation.objects.bulk_create(
                Invitation(
                    round=survey,
                    organisation_id=contact.organisation_id,
                    contact=contact,
                    language=contact.language,
                    sent_at=survey.opened_at,
                )
                for contact in contacts
            )
            continue
        # Earlier rounds: every member of the time was invited (the contact persons of the time are
        # no longer on record, so most invitations have none).
        invited = [
            m for m in members if m.member_since is None or m.member_since < survey.opened_at
        ] or members
        contacts_of: dict[int, list[ContactPerson]] = {}
        for contact in contacts:
            contacts_of.setdefault(contact.organisation_id, []).append(contact)
        invitations = Invitation.objects.bulk_create(
            Invitation(
                round=survey,
                organisation=organisation,
                contact=contact,
                language=contact.language if contact else "fi",
                sent_at=survey.opened_at,
            )
            for organisation in invited
            for contact in contacts_of.get(organisation.pk, [None])
        )
        link = {}
        for invitation in invitations:
            link.setdefault(invitation.organisation_id, invitation)
        answering = rng.sample(invited, k=max(1, int(len(invited) * rng.uniform(0.35, 0.55))))
        responses = Response.objects.bulk_create(
            Response(
                round=survey,
                organisation=organisation,
                invitation=link[organisation.pk],
                submitted_at=closes_at - timedelta(days=rng.randint(1, 27), minutes=rng.randint(0, 600)),
            )
            for organisation in answering
        )
        answers = []
        for response in responses:
            for question in questions:
                if question.kind == QuestionKind.TEXT:
                    comment = rng.choice(COMMENTS) if rng.random() < 0.3 else ""
                    if comment:
                        answers.append(Answer(response=response, question=question, text=comment))
                elif question.required or rng.random() < 0.85:
                    answers.append(Answer(response=response, question=question, score=_score(rng, mean)))
        Answer.objects.bulk_create(answers)
    stdout.write(f"  survey rounds: {len(ROUNDS)} created, the latest open for answers")
