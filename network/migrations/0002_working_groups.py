"""The five working groups of 2026 with their goals from the network's action plan 2026.

Created with get_or_create, so what coordinators later edit in the admin is never overwritten.
"""

from django.db import migrations

WORKING_GROUPS = [
    {
        "slug": "risk-management",
        "name_fi": "Riskienhallintaryhmä",
        "name_sv": "Arbetsgruppen för riskhantering",
        "name_en": "Risk management group",
        "goals_fi": """\
- Ohjata ja vahvistaa kansallista strategiaa tekoälyn turvallisesta hyödyntämisestä, erityisesti \
vaikutustenarviointien ja eettisten periaatteiden integroinnissa osaksi rakenteita.
    - Raportti: Tekoälyä hyödyntävien palveluiden riskienhallinta sosiaali- ja terveydenhuollossa – \
SOTE-tekoälyn kokeiluprojektit 2025.
- Tukea hyvinvointialueiden riskienhallinta- ja laadunhallintajärjestelmien strategista kehittämistä, jotta \
tekoälyratkaisujen turvallinen käyttöönotto ja seuranta muodostuvat osaksi laajempaa johtamisjärjestelmää.
- Arvioida mahdollisesti esiin nousevia riskejä ja esittää strategisen tason hallintakeinoja, jotka ohjaavat \
sekä kansallista päätöksentekoa että organisaatioiden omia ratkaisuja.
- Riskienhallintatyöryhmän havaintojen jalkauttaminen on olennainen osa sote-tekoälyn kansallista \
jalkauttamista ja tukee tekoälyn vastuullista, turvallista ja vaikuttavaa hyödyntämistä sosiaali- ja \
terveyssektorilla.
    - Jalkauttamisen tavoitteena on varmistaa, että riskienhallintaa koskevat linjaukset integroituvat osaksi \
yhteisiä toimintamalleja ja käytännön toteutusta eri tasoilla.
""",
        "goals_sv": """\
- Styra och stärka den nationella strategin för säker användning av artificiell intelligens, särskilt när \
konsekvensbedömningar och etiska principer integreras i strukturerna.
    - Rapport: Riskhantering i tjänster som använder artificiell intelligens inom social- och hälsovården – \
försöksprojekt för AI inom social- och hälsovården 2025.
- Stödja den strategiska utvecklingen av välfärdsområdenas system för riskhantering och kvalitetsledning, så \
att säker ibruktagning och uppföljning av AI-lösningar blir en del av ett bredare ledningssystem.
- Bedöma risker som kan uppstå och föreslå styrmedel på strategisk nivå som vägleder både det nationella \
beslutsfattandet och organisationernas egna lösningar.
- Att förankra arbetsgruppens iakttagelser i praktiken är en väsentlig del av det nationella införandet av \
AI inom social- och hälsovården och stöder en ansvarsfull, säker och verkningsfull användning av AI i \
sektorn.
    - Målet är att riktlinjerna för riskhantering integreras i gemensamma verksamhetsmodeller och i det \
praktiska genomförandet på olika nivåer.
""",
        "goals_en": """\
- Guide and strengthen the national strategy for the safe use of artificial intelligence, especially in \
building impact assessments and ethical principles into structures.
    - Report: Risk management of AI-based services in health and social care – AI pilot projects 2025.
- Support the strategic development of the welfare regions' risk management and quality management \
systems, so that the safe deployment and monitoring of AI solutions become part of the wider management \
system.
- Assess risks that may emerge and propose strategic-level means of control that guide both national \
decision-making and organisations' own solutions.
- Putting the group's findings into practice is an essential part of the national deployment of AI in \
health and social care and supports the responsible, safe and effective use of AI in the sector.
    - The aim is to ensure that the policies on risk management become part of shared operating models \
and of practical implementation at every level.
""",
    },
    {
        "slug": "welfare-regions-ai-network",
        "name_fi": "Hyvinvointialueiden tekoälyverkosto",
        "name_sv": "Välfärdsområdenas AI-nätverk",
        "name_en": "Welfare regions' AI network",
        "goals_fi": """\
- Edistetään systemaattista tiedonjakoa hyvinvointialueiden tekoälykehittämisestä.
    - Rakennetaan ja ylläpidetään käytäntöjä, joilla jaetaan ajantasaista tietoa, kokemuksia ja hyviä \
käytäntöjä hyvinvointialueiden tekoälykehittämisestä.
- Tunnistetaan ja työstetään hyvinvointialueille yhteisiä tekoälykehittämisen tarpeita, erityisesti \
seuraavilla osa-alueilla:
    - Hankintojen tuki – tuetaan hyvinvointialueita tekoälyyn liittyvissä hankinnoissa yhteisten linjausten, \
mallien ja osaamisen kautta.
    - Hallintamallit ja tiekartat – kehitetään tekoälykehittämistä tukevia yhteisiä hallintamalleja sekä \
pitkän aikavälin tiekarttoja.
    - Sääntelyn tulkinta – yhteensovitetaan ja selkeytetään tekoälyä koskevan sääntelyn tulkintaa ja \
soveltamista hyvinvointialueilla.
- Ylläpidetään ja kehitetään valtakunnallista tilannekuvaa tekoälykehittämisestä.
    - Kootaan ja päivitetään kokonaiskuvaa hyvinvointialueiden tekoälyhankkeista, kyvykkyyksistä ja \
kehityssuunnista päätöksenteon ja ohjauksen tueksi.
""",
        "goals_sv": """\
- Främja systematiskt informationsutbyte om välfärdsområdenas AI-utveckling.
    - Bygga upp och upprätthålla rutiner för att dela aktuell information, erfarenheter och god praxis från \
välfärdsområdenas AI-utveckling.
- Identifiera och bearbeta behov inom AI-utvecklingen som är gemensamma för välfärdsområdena, särskilt inom \
följande områden:
    - Stöd för upphandlingar – välfärdsområdena får stöd i AI-relaterade upphandlingar genom gemensamma \
riktlinjer, modeller och kompetens.
    - Styrmodeller och färdplaner – gemensamma styrmodeller och långsiktiga färdplaner som stöder \
AI-utvecklingen tas fram.
    - Tolkning av regleringen – tolkningen och tillämpningen av regleringen om AI i välfärdsområdena \
samordnas och förtydligas.
- Upprätthålla och utveckla en nationell lägesbild av AI-utvecklingen.
    - En helhetsbild av välfärdsområdenas AI-projekt, förmågor och utvecklingsriktningar sammanställs och \
uppdateras som stöd för beslutsfattande och styrning.
""",
        "goals_en": """\
- Promote systematic sharing of information on the welfare regions' AI development.
    - Build and maintain practices for sharing up-to-date information, experiences and good practices from \
the welfare regions' AI development.
- Identify and work on AI development needs shared by the welfare regions, especially in these areas:
    - Procurement support – supporting the welfare regions in AI-related procurement through shared \
policies, models and expertise.
    - Governance models and roadmaps – developing shared governance models and long-term roadmaps that \
support AI development.
    - Interpreting regulation – coordinating and clarifying how the regulation of AI is interpreted and \
applied in the welfare regions.
- Maintain and develop the national situational picture of AI development.
    - Compile and update an overall picture of the welfare regions' AI projects, capabilities and \
directions of development to support decision-making and steering.
""",
    },
    {
        "slug": "mdr",
        "name_fi": "MDR-työryhmä",
        "name_sv": "MDR-arbetsgruppen",
        "name_en": "MDR working group",
        "goals_fi": """\
Työryhmä käsittelee lääkinnällisten laitteiden sääntelyä (MDR) tekoälyratkaisuissa.

- Kansallisen AI-sandboxin toimintasuunnitelman laatiminen.
- Tukiklinikkatoiminnan vakiinnuttaminen ja tunnettuuden lisääminen osana kansallista sote-tekoälyn \
tukimallia.
- Ajantasaisen regulaatiotiedon jakaminen ja tulkinnan tukeminen yhteistyössä keskeisten sidosryhmien kanssa.
- Ensiaskeleet lääkinnällisten laitteiden ja tekoälyn sääntelyyn – opas.
- Kotimaisen regulaatioteknologian näkyvyyden vahvistaminen kansallisten toimijoiden tukena.
""",
        "goals_sv": """\
Arbetsgruppen behandlar regleringen av medicintekniska produkter (MDR) i AI-lösningar.

- Utarbeta en verksamhetsplan för en nationell AI-sandlåda.
- Etablera stödklinikens verksamhet och göra den mer känd som en del av den nationella stödmodellen för AI \
inom social- och hälsovården.
- Dela aktuell information om regleringen och stödja tolkningen i samarbete med centrala intressegrupper.
- Första steg in i regleringen av medicintekniska produkter och AI – en guide.
- Stärka synligheten för inhemsk regleringsteknologi som stöd för nationella aktörer.
""",
        "goals_en": """\
The group works on the regulation of medical devices (MDR) in AI solutions.

- Drawing up an action plan for a national AI sandbox.
- Establishing the support clinic and making it better known as part of the national support model for AI \
in health and social care.
- Sharing up-to-date regulatory information and supporting its interpretation together with key \
stakeholders.
- First steps into the regulation of medical devices and AI – a guide.
- Making domestic regulatory technology more visible in support of national actors.
""",
    },
    {
        "slug": "documentation",
        "name_fi": "Kirjaamisen työryhmä",
        "name_sv": "Arbetsgruppen för dokumentation",
        "name_en": "Documentation working group",
        "goals_fi": """\
- Seurataan tekoälyavusteisten asiakas- ja potilaskirjausten käyttötapausta ja sen kehittymistä.
- Arvioidaan tekoälyavusteista kirjaamista osana yleistä kirjaamisen kehittämistä.
- Kerätään lisää kokemuksia ja arviointitietoa erityisesti toimintamallien muutoksesta, muutosjohtamisen \
kehittämisestä ja vaikuttavuudesta.
- Tunnistetaan, missä ratkaisutyypissä on suurin kansallinen skaalauspotentiaali.
- Tuetaan tekoälyavusteisen kirjaamisen laadun kehittämistä.
- Tehdään kansallisia ratkaisujen toteuttamista tukevia toimenpiteitä.
""",
        "goals_sv": """\
- Följa användningsfallet AI-assisterad klient- och patientdokumentation och hur det utvecklas.
- Bedöma AI-assisterad dokumentation som en del av den allmänna utvecklingen av dokumentationen.
- Samla fler erfarenheter och mer utvärderingsdata, särskilt om förändrade verksamhetsmodeller, utvecklingen \
av förändringsledning och verkningsfullhet.
- Identifiera vilken typ av lösning som har störst nationell skalningspotential.
- Stödja utvecklingen av kvaliteten i AI-assisterad dokumentation.
- Vidta åtgärder som stöder genomförandet av nationella lösningar.
""",
        "goals_en": """\
- Follow the use case of AI-assisted client and patient documentation and how it develops.
- Assess AI-assisted documentation as part of the general development of documentation.
- Gather more experience and evaluation data, especially on changes in operating models, the development \
of change management, and effectiveness.
- Identify which type of solution has the greatest potential for national scaling.
- Support the development of the quality of AI-assisted documentation.
- Take measures that support the implementation of national solutions.
""",
    },
    {
        "slug": "professional-competence",
        "name_fi": "Sote-ammattilaisten osaamisen lisääminen",
        "name_sv": "Att stärka kompetensen hos yrkesutbildade inom social- och hälsovården",
        "name_en": "Competence of social and health care professionals",
        "goals_fi": """\
Työn tavoitteena on toteuttaa ajantasainen ja monikäyttöinen tekoälyosaamisen määrittelytyö.

- Päivittää vuonna 2020 laadittu kansallinen sote-digiosaamisen määrittely ottaen huomioon tekoälyn tuomat \
muutokset sosiaali- ja terveydenhuollon toimintaympäristössä, hyödyntäen alan asiantuntijoita, kansallisia \
verkostoja, tutkittua tietoa sekä yhteiskehittämistä.
- Tuottaa opetussuunnitelman sisältö pienen osaamiskokonaisuuden muotoisena ratkaisuna hyvinvointialueiden \
osaamisen kehittämisen tueksi sekä osana terveydenhuollon eri tutkintoja.
""",
        "goals_sv": """\
Målet är att ta fram en aktuell definition av AI-kompetens som kan användas på många sätt.

- Uppdatera den nationella definitionen av digital kompetens inom social- och hälsovården från 2020 med \
hänsyn till de förändringar som AI medför i social- och hälsovårdens verksamhetsmiljö, med hjälp av \
experter inom branschen, nationella nätverk, forskningsbaserad kunskap och samutveckling.
- Ta fram innehållet i en läroplan i form av en mindre kompetenshelhet som stöd för välfärdsområdenas \
kompetensutveckling och som en del av olika examina inom hälso- och sjukvården.
""",
        "goals_en": """\
The aim is an up-to-date definition of AI competence that can be used in many ways.

- Update the national definition of digital competence in health and social care drawn up in 2020, taking \
into account the changes AI brings to the health and social care environment, with the help of experts in \
the field, national networks, research and co-development.
- Produce curriculum content as a small module to support the welfare regions' competence development and \
as part of the various degrees in health care.
""",
    },
]


def forwards(apps, schema_editor):
    WorkingGroup = apps.get_model("network", "WorkingGroup")
    for order, group in enumerate(WORKING_GROUPS, start=1):
        defaults = {key: value for key, value in group.items() if key != "slug"}
        defaults["name"] = group["name_fi"]
        defaults["goals"] = group["goals_fi"]
        defaults["order"] = order
        WorkingGroup.objects.get_or_create(slug=group["slug"], defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
