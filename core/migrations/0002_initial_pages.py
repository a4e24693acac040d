"""Initial content pages in Finnish, Swedish and English.

Pages are created with get_or_create, so content edited later in the admin is never overwritten.
Facts come from the network's own material (info session 20.9.2024 and action plan 2026).
"""

from django.db import migrations


# --- home -------------------------------------------------------------------------------------------

HOME = {
    "slug": "home",
    "title_fi": "SOTE-tekoälyn ekosysteemi",
    "title_sv": "Ekosystemet för AI inom social- och hälsovården",
    "title_en": "National health and social care AI ecosystem",
    "body_fi": """\
SOTE-tekoälyn ekosysteemi on sosiaali- ja terveysalan toimijoiden, kuten viranomaisten, yritysten ja \
tutkijoiden, yhteinen vapaamuotoinen verkosto. Ekosysteemi selvittää, mahdollistaa ja rahoittaa tekoälyn \
hyödyntämistä sosiaali- ja terveysalalla.

Verkostoa johtaa **sosiaali- ja terveysministeriö**. Toimintaa koordinoivassa ryhmässä ovat mukana myös \
THL, HUS, UNA Oy, Sitra ja DigiFinland Oy, joka toimii ekosysteemin käytännön toiminnan koordinaattorina. \
Sosiaali- ja terveysministeriö perusti ekosysteemin kesällä 2024, ja se toimii toistaiseksi.

Ekosysteemi järjestää tekoälyhankkeiden rahoitushakuja hyvinvointialueille, verkossa pidettäviä AI-aamuja \
joka toinen keskiviikko klo 8.30–9.30 sekä avoimia infotilaisuuksia. Se julkaisee uutiskirjettä, kokoaa \
työryhmiä yhteisten kysymysten ympärille ja ylläpitää valtakunnallista tilannekuvaa sosiaali- ja \
terveydenhuollon tekoälytoteutuksista.

Rakennetaan sisältöä ja tekemistä yhdessä – ole yhteydessä matalalla kynnyksellä: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
Ekosystemet för AI inom social- och hälsovården är ett gemensamt, informellt nätverk för aktörer inom \
social- och hälsovårdssektorn, såsom myndigheter, företag och forskare. Ekosystemet utreder, möjliggör och \
finansierar användningen av artificiell intelligens inom social- och hälsovården.

Nätverket leds av **social- och hälsovårdsministeriet**. I den samordnande gruppen ingår även Institutet \
för hälsa och välfärd (THL), HUS, UNA Oy, Sitra och DigiFinland Oy, som samordnar ekosystemets praktiska \
verksamhet. Social- och hälsovårdsministeriet grundade ekosystemet sommaren 2024, och det verkar tills \
vidare.

Ekosystemet ordnar ansökningsomgångar för finansiering av AI-projekt i välfärdsområdena, AI-morgnar på \
webben varannan onsdag kl. 8.30–9.30 (hittills på finska) och öppna informationsmöten. Det ger ut ett \
nyhetsbrev, samlar arbetsgrupper kring gemensamma frågor och upprätthåller en nationell lägesbild av \
AI-tillämpningar inom social- och hälsovården.

Vi bygger innehållet och verksamheten tillsammans – tveka inte att höra av dig: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
The national health and social care AI ecosystem is an informal network of organisations working in \
health and social care, including public authorities, companies and researchers. The ecosystem explores, \
enables and funds the use of artificial intelligence in health and social care.

The network is led by the **Ministry of Social Affairs and Health**. Its coordination group also includes \
the Finnish Institute for Health and Welfare (THL), HUS, UNA Oy, Sitra and DigiFinland Oy, which \
coordinates the ecosystem's day-to-day work. The Ministry founded the ecosystem in summer 2024, and it \
will continue until further notice.

The ecosystem runs funding calls for AI projects in the welfare regions, hosts online AI mornings every \
other Wednesday from 8.30 to 9.30 am (in Finnish for now) and holds open information sessions. It \
publishes a newsletter, brings working groups together around shared questions and maintains a national \
situational picture of AI implementations in health and social care.

We build the content and the activities together, so please get in touch: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


# --- about ------------------------------------------------------------------------------------------

ABOUT = {
    "slug": "about",
    "title_fi": "Tietoa ekosysteemistä",
    "title_sv": "Om ekosystemet",
    "title_en": "About the ecosystem",
    "body_fi": """\
Kansallinen SOTE-tekoälyn ekosysteemi on sosiaali- ja terveysalan toimijoiden, kuten viranomaisten, \
yritysten ja tutkijoiden, yhteinen vapaamuotoinen verkosto. Ekosysteemi selvittää, mahdollistaa ja \
rahoittaa tekoälyn hyödyntämistä sosiaali- ja terveysalalla. Sosiaali- ja terveysministeriö perusti \
ekosysteemin kesällä 2024, ja se toimii toistaiseksi.

## Mitä tavoittelemme?

Hallitusohjelman tavoitteena on, että ”Suomi on teknologinen edelläkävijä, joka hyödyntää digitalisaation \
ja tekoälyn mahdollisuudet täysimääräisesti, ihmiset mukana pitäen.” Sosiaali- ja terveysalalla \
tavoitteina ovat

- tekoälyteknologioiden mahdollisimman nopea käyttöönotto palvelujen turvallisuus ja yksityisyydensuoja \
säilyttäen sekä
- tekoälyä kehittävän ja hyödyntävän ekosysteemin luominen, joka yhdistää viranomaiset, tutkijat sekä \
suomalaiset ja kansainväliset yritykset.

Tekoälyn tehokkaalla hyödyntämisellä turvataan laadukkaat palvelut asiakkaille, autetaan ammattilaisia \
heidän työssään ja vapautetaan aikaa tärkeimpiin tehtäviin ja asiakkaiden henkilökohtaiseen kohtaamiseen. \
Samalla parannetaan palvelujärjestelmän tuottavuutta ja synnytetään liiketoimintamahdollisuuksia, vientiä \
ja uusia työpaikkoja.

## Koordinaatioryhmä

Ekosysteemiä johtaa sosiaali- ja terveysministeriö. Toimintaa koordinoivassa ryhmässä ovat mukana:

- sosiaali- ja terveysministeriö (STM)
- Terveyden ja hyvinvoinnin laitos (THL)
- HUS
- UNA Oy
- Sitra (vuodesta 2026)
- DigiFinland Oy, joka toimii ekosysteemin käytännön toiminnan koordinaattorina.

Jäsenorganisaatioita on 285 ja uutiskirjeen tilaajia yli 1 380 (tilanne 5.3.2026).

## Vuoden 2026 painopisteet

- **Tekoälyn jalkauttaminen ja skaalaaminen hyvinvointialueille:** sote-tekoälyn jalkauttamissuunnitelman \
toteuttaminen, toimivaksi todettujen ratkaisujen ja tekoälykokeilujen hyötyjen levittäminen kansallisesti, \
tiiviimpi yhteistyö tutkimusorganisaatioiden kanssa sekä tekoälyn vaatimustenmukaisuuden hallinnan \
nykytilan kartoitus.
- **Toimijoiden aktivointi ja yhteiset kyvykkyydet:** työryhmät jatkavat toimintaansa, sote-ammattilaisten \
osaamista lisätään ja ekosysteemin toiminta vakiinnutetaan jatkuvaksi toiminnaksi.
- **Vaikuttaminen:** edistetään sote-tekoälyn vastuullisen hyödyntämisen kirjauksia seuraavaan \
hallitusohjelmaan, käydään yhteiskunnallista keskustelua sote-tekoälyn vaikeista kysymyksistä ja \
markkinoidaan suomalaista osaamista ja ratkaisuja kansainvälisesti yhdessä Digital Health Finland (DHF) \
-verkoston kanssa.

## Työryhmät vuonna 2026

- **Riskienhallintaryhmä** ohjaa ja vahvistaa kansallista strategiaa tekoälyn turvallisesta \
hyödyntämisestä ja tukee hyvinvointialueiden riskienhallinta- ja laadunhallintajärjestelmien kehittämistä.
- **Hyvinvointialueiden tekoälyverkosto** edistää systemaattista tiedonjakoa, työstää alueiden yhteisiä \
tarpeita (hankintojen tuki, hallintamallit ja tiekartat, sääntelyn tulkinta) ja ylläpitää valtakunnallista \
tilannekuvaa tekoälykehittämisestä.
- **MDR-työryhmä** laatii kansallisen AI-sandboxin toimintasuunnitelman, vakiinnuttaa tukiklinikkatoimintaa \
ja jakaa ajantasaista tietoa lääkinnällisten laitteiden ja tekoälyn sääntelystä.
- **Kirjaamisen työryhmä** seuraa ja arvioi tekoälyavusteista asiakas- ja potilaskirjaamista ja tunnistaa, \
missä ratkaisutyypissä on suurin kansallinen skaalauspotentiaali.
- **Sote-ammattilaisten osaamisen lisääminen:** päivitetään vuonna 2020 laadittu kansallinen \
sote-digiosaamisen määrittely tekoälyn tuomat muutokset huomioiden ja tuotetaan opetussuunnitelman \
sisältöä pienenä osaamiskokonaisuutena.

## Näin mittaamme onnistumista vuonna 2026

- Jäsenorganisaatiot ovat tyytyväisiä ekosysteemin toimintaan: vuoden 2026 lopulla tehtävässä \
verkkokyselyssä tavoitteena on keskiarvo vähintään 4 asteikolla 1–5.
- AI-aamujen keskimääräinen osallistujamäärä on yli 250.
- Jäsenmäärä kasvaa: tavoitteena on 300 jäsenorganisaatiota.
- Uutiskirjeellä on 1 500 tilaajaa vuoden 2026 loppuun mennessä.
- Ekosysteemillä on edellytykset toimia tulevaisuudessa itsenäisenä ekosysteeminä.
""",
    "body_sv": """\
Det nationella ekosystemet för AI inom social- och hälsovården är ett gemensamt, informellt nätverk för \
aktörer inom social- och hälsovårdssektorn, såsom myndigheter, företag och forskare. Ekosystemet utreder, \
möjliggör och finansierar användningen av artificiell intelligens inom social- och hälsovården. \
Social- och hälsovårdsministeriet grundade ekosystemet sommaren 2024, och det verkar tills vidare.

## Vad vill vi uppnå?

Enligt regeringsprogrammet ska Finland vara en teknologisk föregångare som fullt ut tar vara på \
möjligheterna med digitalisering och artificiell intelligens, med människorna i centrum. Inom social- och \
hälsovården är målen

- att AI-teknik tas i bruk så snabbt som möjligt, utan att tjänsternas säkerhet och integritetsskyddet \
äventyras, och
- att skapa ett ekosystem som utvecklar och använder AI och som förenar myndigheter, forskare samt \
finländska och internationella företag.

Genom att använda AI effektivt tryggar vi tjänster av hög kvalitet för klienterna, hjälper yrkesutbildade \
personer i deras arbete och frigör tid för de viktigaste uppgifterna och för personliga möten med \
klienterna. Samtidigt förbättras servicesystemets produktivitet, och det uppstår nya affärsmöjligheter, \
export och arbetstillfällen.

## Samordningsgruppen

Ekosystemet leds av social- och hälsovårdsministeriet. I den samordnande gruppen ingår:

- social- och hälsovårdsministeriet (SHM)
- Institutet för hälsa och välfärd (THL)
- HUS
- UNA Oy
- Sitra (från och med 2026)
- DigiFinland Oy, som samordnar ekosystemets praktiska verksamhet.

Nätverket har 285 medlemsorganisationer och över 1 380 prenumeranter på nyhetsbrevet (läget 5.3.2026).

## Prioriteringar 2026

- **Att införa och skala upp AI i välfärdsområdena:** planen för införande av AI inom social- och \
hälsovården genomförs, lösningar som visat sig fungera och nyttan av AI-försök sprids nationellt, \
samarbetet med forskningsorganisationer fördjupas och nuläget i hanteringen av AI-lösningarnas \
regelefterlevnad kartläggs.
- **Att aktivera aktörerna och bygga gemensam kapacitet:** arbetsgrupperna fortsätter sitt arbete, \
kompetensen hos yrkesutbildade personer inom social- och hälsovården stärks och ekosystemets verksamhet \
görs permanent.
- **Påverkan:** vi verkar för att ansvarsfull användning av AI inom social- och hälsovården skrivs in i \
nästa regeringsprogram, för en samhällelig diskussion om de svåra frågorna och marknadsför finländskt \
kunnande och finländska lösningar internationellt tillsammans med nätverket Digital Health Finland (DHF).

## Arbetsgrupper 2026

- **Gruppen för riskhantering** styr och stärker den nationella strategin för säker användning av AI och \
stöder utvecklingen av välfärdsområdenas system för risk- och kvalitetshantering.
- **Välfärdsområdenas AI-nätverk** främjar ett systematiskt informationsutbyte, arbetar med områdenas \
gemensamma behov (stöd vid upphandlingar, styrmodeller och färdplaner, tolkning av regelverket) och \
upprätthåller en nationell lägesbild av AI-utvecklingen.
- **MDR-arbetsgruppen** utarbetar en verksamhetsplan för en nationell AI-sandlåda, etablerar \
stödkliniken och delar aktuell information om regleringen av medicintekniska produkter och AI.
- **Arbetsgruppen för dokumentation** följer och utvärderar AI-stödd klient- och patientdokumentation och \
identifierar vilka typer av lösningar som har störst potential att skalas upp nationellt.
- **Kompetensen hos yrkesutbildade personer inom social- och hälsovården:** den nationella \
definitionen av digital kompetens inom social- och hälsovården från 2020 uppdateras med hänsyn till AI, \
och innehåll för läroplaner tas fram i form av en mindre kompetenshelhet.

## Så mäter vi framgång 2026

- Medlemsorganisationerna är nöjda med ekosystemets verksamhet: i en webbenkät i slutet av 2026 är målet \
ett medelvärde på minst 4 på skalan 1–5.
- AI-morgnarna har i genomsnitt över 250 deltagare.
- Antalet medlemmar växer: målet är 300 medlemsorganisationer.
- Nyhetsbrevet har 1 500 prenumeranter före utgången av 2026.
- Ekosystemet har förutsättningar att i framtiden verka som ett självständigt ekosystem.
""",
    "body_en": """\
The national health and social care AI ecosystem is an informal network of organisations working in \
health and social care, including public authorities, companies and researchers. The ecosystem explores, \
enables and funds the use of artificial intelligence in health and social care. The Ministry of Social \
Affairs and Health founded the ecosystem in summer 2024, and it will continue until further notice.

## What we aim for

The Government Programme sets the goal that Finland is a technological forerunner that makes full use of \
the opportunities of digitalisation and artificial intelligence while keeping people involved. In health \
and social care, the aims are

- to adopt AI technologies as quickly as possible while safeguarding the safety of services and privacy, \
and
- to create an ecosystem that develops and uses AI and brings together public authorities, researchers, \
and Finnish and international companies.

Using AI effectively helps secure high-quality services for clients, supports professionals in their work \
and frees up time for the most important tasks and for meeting clients in person. It also improves the \
productivity of the service system and creates business opportunities, exports and new jobs.

## Coordination group

The ecosystem is led by the Ministry of Social Affairs and Health. Its coordination group consists of:

- the Ministry of Social Affairs and Health (STM)
- the Finnish Institute for Health and Welfare (THL)
- HUS
- UNA Oy
- Sitra (from 2026)
- DigiFinland Oy, which coordinates the ecosystem's day-to-day work.

On 5 March 2026 the network had 285 member organisations and more than 1,380 newsletter subscribers.

## Priorities for 2026

- **Rolling out and scaling AI in the welfare regions:** carrying out the implementation plan for AI in \
health and social care, spreading proven solutions and the benefits of AI pilots nationwide, working more \
closely with research organisations, and mapping how AI regulatory compliance is currently managed.
- **Engaging stakeholders and building shared capabilities:** the working groups continue, the AI \
competence of health and social care professionals is strengthened and the ecosystem becomes a permanent \
activity.
- **Influencing:** promoting the responsible use of AI in health and social care as a commitment in the \
next Government Programme, leading public discussion of the difficult questions, and marketing Finnish \
expertise and solutions internationally together with the Digital Health Finland (DHF) network.

## Working groups in 2026

- **Risk management group:** guides and strengthens the national strategy for the safe use of AI and \
supports the welfare regions in developing their risk and quality management systems.
- **Welfare regions' AI network:** promotes systematic information sharing, works on the regions' shared \
needs (procurement support, governance models and roadmaps, interpretation of regulation) and maintains a \
national situational picture of AI development.
- **MDR working group:** prepares an action plan for a national AI sandbox, establishes the support clinic \
and shares up-to-date information on the regulation of medical devices and AI.
- **Documentation working group:** follows and evaluates AI-assisted client and patient documentation and \
identifies the types of solution with the greatest potential for national scale-up.
- **Competence of health and social care professionals:** updates the 2020 national definition of digital \
competence in health and social care to take AI into account, and produces curriculum content as a short \
competence module.

## How we measure success in 2026

- Member organisations are satisfied with the ecosystem's work: in an online survey at the end of 2026, \
the target is an average of at least 4 on a scale of 1 to 5.
- AI mornings have an average attendance of more than 250.
- Membership grows: the target is 300 member organisations.
- The newsletter has 1,500 subscribers by the end of 2026.
- The ecosystem is in a position to operate independently in the future.
""",
}


# --- privacy ----------------------------------------------------------------------------------------

PRIVACY = {
    "slug": "privacy",
    "title_fi": "Tietosuojaseloste",
    "title_sv": "Dataskyddsbeskrivning",
    "title_en": "Privacy notice",
    "body_fi": """\
Tässä selosteessa kerrotaan, miten SOTE-tekoälyn ekosysteemin verkkopalvelussa käsitellään \
henkilötietoja. Seloste perustuu EU:n yleiseen tietosuoja-asetukseen (2016/679).

## Rekisterinpitäjä

Rekisterinpitäjä on **DigiFinland Oy**, joka koordinoi SOTE-tekoälyn ekosysteemin käytännön toimintaa \
sosiaali- ja terveysministeriön johtaman verkoston puolesta.

Yhteydenotot tietosuoja-asioissa: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)

## Mihin henkilötietoja käytetään

- **Jäsenrekisteri:** jäsenhakemusten käsittely, jäsenorganisaatioiden ja niiden yhteyshenkilöiden \
tietojen ylläpito sekä julkinen jäsenorganisaatioluettelo.
- **Rahoitushaut:** hakemusten vastaanotto, käsittely ja arviointi sekä yhteydenpito hakijoihin.
- **Tapahtumat:** ilmoittautumisten käsittely, tapahtumiin liittyvä viestintä ja palautekyselyt.
- **Uutiskirje:** uutiskirjeen lähettäminen sen tilanneille.
- **Käyttäjätilit ja palvelun turvallisuus:** kirjautuminen, käyttöoikeuksien hallinta sekä tärkeisiin \
tietoihin tehtyjen muutosten kirjaaminen.

## Käsittelyn oikeusperusteet

- **Uutiskirje:** suostumus (tietosuoja-asetuksen 6 artiklan 1 kohdan a alakohta). Voit peruuttaa \
suostumuksesi milloin tahansa uutiskirjeen peruutuslinkistä tai ottamalla meihin yhteyttä.
- **Jäsenrekisteri ja rahoitushakemukset:** yleisen edun mukaisen tehtävän suorittaminen tai \
rekisterinpitäjän oikeutettu etu järjestää ekosysteemin toimintaa ja rahoitushakuja (6 artiklan 1 kohdan \
e ja f alakohta).
- **Tapahtumailmoittautumiset sekä käyttäjätilit ja lokitiedot:** rekisterinpitäjän oikeutettu etu \
järjestää tapahtumia ja pitää palvelu turvallisena (6 artiklan 1 kohdan f alakohta).

## Mitä tietoja käsitellään

- Jäsenorganisaatioista: nimi, Y-tunnus, organisaatiotyyppi, hyvinvointialue tai kunta, verkkosivu ja \
lyhyt kuvaus.
- Yhteyshenkilöistä: nimi, sähköpostiosoite ja organisaatio sekä tarvittaessa tehtävänimike ja \
puhelinnumero.
- Rahoitushakemuksista: hakijaorganisaatio ja kumppanit, hankkeen kuvaus ja kustannusarvio sekä \
yhteyshenkilöiden tiedot.
- Tapahtumailmoittautumisista: nimi, sähköpostiosoite, organisaatio ja ilmoittautumisen yhteydessä annetut \
lisätiedot.
- Uutiskirjeen tilaajista: sähköpostiosoite, kieli ja tilauksen ajankohta.
- Käyttäjätileistä: sähköpostiosoite, salasanan tiiviste (ei itse salasanaa) ja kirjautumistiedot sekä \
muutosloki.

## Säilytysajat

Säilytämme henkilötietoja vain niin kauan kuin se on käsittelyn tarkoituksen kannalta tarpeen.

- Yhteyshenkilöiden tiedot säilytetään jäsenyyden ajan, ja ne poistetaan, kun jäsenyys päättyy tai \
yhteyshenkilö vaihtuu.
- Rahoitushakemukset säilytetään niin kauan kuin rahoituspäätökset, sopimukset, niiden seuranta ja \
arkistointivelvoitteet edellyttävät.
- Tapahtumailmoittautumiset poistetaan, kun niitä ei enää tarvita tapahtuman järjestämiseen, \
palautekyselyyn tai tilastointiin.
- Uutiskirjeen tilaajan tiedot poistetaan, kun tilaus perutaan.
- Lokitietoja säilytetään niin kauan kuin palvelun turvallisuus ja väärinkäytösten selvittäminen \
edellyttävät.

## Tietojen vastaanottajat

- Julkisessa jäsenluettelossa näytetään jäsenorganisaation tietoja, kuten nimi, verkkosivu ja kuvaus. \
Yhteyshenkilöiden tietoja ei julkaista.
- Rahoitushakemukset käsittelee hankehaun ohjausryhmä, johon kuuluu sosiaali- ja terveysministeriön \
virkamiehiä ja aihealueen asiantuntijoita, ja hakemustiedot annetaan sosiaali- ja terveysministeriölle \
päätöksentekoa varten.
- Palvelun teknisestä ylläpidosta ja sähköpostien lähettämisestä huolehtivat palveluntarjoajat käsittelevät \
tietoja rekisterinpitäjän lukuun ja sen ohjeiden mukaisesti.

Tietoja ei siirretä EU:n tai Euroopan talousalueen ulkopuolelle, eikä niitä luovuteta markkinointiin.

## Rekisteröidyn oikeudet

Sinulla on oikeus

- saada pääsy omiin tietoihisi
- vaatia virheellisten tietojen oikaisemista
- vaatia tietojesi poistamista, kun niiden käsittelylle ei enää ole perustetta
- vastustaa tietojesi käsittelyä, kun käsittely perustuu yleisen edun mukaiseen tehtävään tai \
oikeutettuun etuun
- vaatia käsittelyn rajoittamista tietyissä tilanteissa
- peruuttaa antamasi suostumus milloin tahansa.

Lähetä pyyntösi osoitteeseen [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vastaamme \
viimeistään kuukauden kuluessa.

Jos katsot, että henkilötietojesi käsittely rikkoo tietosuojasääntelyä, voit tehdä valituksen \
**tietosuojavaltuutetulle**.

## Evästeet

Palvelu käyttää vain sen toiminnan kannalta välttämättömiä evästeitä:

- **istuntoeväste**, joka pitää kirjautumisen voimassa
- **CSRF-suojauseväste**, joka suojaa lomakkeita väärennetyiltä pyynnöiltä
- **kielieväste**, joka muistaa valitsemasi kielen.

Emme käytä analytiikka-, markkinointi- tai seurantaevästeitä. Välttämättömät evästeet eivät edellytä \
suostumusta, joten palvelussa ei ole evästeilmoitusta.
""",
    "body_sv": """\
Här beskriver vi hur personuppgifter behandlas i webbtjänsten för ekosystemet för AI inom social- och \
hälsovården. Beskrivningen grundar sig på EU:s allmänna dataskyddsförordning (2016/679).

## Personuppgiftsansvarig

Personuppgiftsansvarig är **DigiFinland Oy**, som samordnar ekosystemets praktiska verksamhet för det \
nätverk som leds av social- och hälsovårdsministeriet.

Kontakt i dataskyddsfrågor: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)

## Ändamål med behandlingen

- **Medlemsregister:** behandling av medlemsansökningar, uppdatering av uppgifter om \
medlemsorganisationerna och deras kontaktpersoner samt den offentliga förteckningen över \
medlemsorganisationer.
- **Finansieringsansökningar:** mottagning, behandling och bedömning av ansökningar samt kontakter med \
sökandena.
- **Evenemang:** behandling av anmälningar, kommunikation om evenemangen och responsenkäter.
- **Nyhetsbrev:** utskick av nyhetsbrevet till prenumeranterna.
- **Användarkonton och tjänstens säkerhet:** inloggning, hantering av behörigheter och loggning av \
ändringar i viktiga uppgifter.

## Rättslig grund för behandlingen

- **Nyhetsbrev:** samtycke (artikel 6.1 a i dataskyddsförordningen). Du kan när som helst återkalla ditt \
samtycke via länken i nyhetsbrevet eller genom att kontakta oss.
- **Medlemsregister och finansieringsansökningar:** utförande av en uppgift av allmänt intresse eller den \
personuppgiftsansvariges berättigade intresse av att organisera ekosystemets verksamhet och \
ansökningsomgångar (artikel 6.1 e och f).
- **Evenemangsanmälningar, användarkonton och loggar:** den personuppgiftsansvariges berättigade \
intresse av att ordna evenemang och hålla tjänsten säker (artikel 6.1 f).

## Vilka uppgifter behandlas

- Om medlemsorganisationer: namn, FO-nummer, typ av organisation, välfärdsområde eller kommun, webbplats \
och en kort beskrivning.
- Om kontaktpersoner: namn, e-postadress och organisation samt vid behov titel och telefonnummer.
- Om finansieringsansökningar: sökande organisation och partner, projektbeskrivning och kostnadsberäkning \
samt kontaktpersonernas uppgifter.
- Om evenemangsanmälningar: namn, e-postadress, organisation och eventuella tilläggsuppgifter som lämnats \
vid anmälan.
- Om prenumeranter på nyhetsbrevet: e-postadress, språk och tidpunkt för prenumerationen.
- Om användarkonton: e-postadress, ett hashvärde av lösenordet (inte själva lösenordet), \
inloggningsuppgifter och en ändringslogg.

## Lagringstider

Vi sparar personuppgifter endast så länge det behövs för ändamålet med behandlingen.

- Kontaktpersonernas uppgifter sparas så länge medlemskapet varar och raderas när medlemskapet upphör \
eller kontaktpersonen byts.
- Finansieringsansökningar sparas så länge finansieringsbeslut, avtal, uppföljningen av dem och \
arkiveringsskyldigheter kräver.
- Evenemangsanmälningar raderas när de inte längre behövs för att ordna evenemanget, för responsenkäten \
eller för statistik.
- Uppgifterna om en prenumerant på nyhetsbrevet raderas när prenumerationen sägs upp.
- Loggar sparas så länge det behövs för tjänstens säkerhet och för att utreda missbruk.

## Mottagare av uppgifterna

- I den offentliga medlemsförteckningen visas uppgifter om medlemsorganisationen, såsom namn, webbplats \
och beskrivning. Kontaktpersonernas uppgifter publiceras inte.
- Finansieringsansökningarna behandlas av styrgruppen för ansökningsomgången, som består av tjänstemän vid \
social- och hälsovårdsministeriet och sakkunniga på området, och uppgifterna lämnas till \
social- och hälsovårdsministeriet för beslutsfattandet.
- Tjänsteleverantörer som sköter det tekniska underhållet av tjänsten och e-postutskicken behandlar \
uppgifter för den personuppgiftsansvariges räkning och enligt dess instruktioner.

Uppgifterna överförs inte till länder utanför EU eller Europeiska ekonomiska samarbetsområdet och lämnas \
inte ut för marknadsföring.

## Den registrerades rättigheter

Du har rätt att

- få tillgång till dina uppgifter
- kräva att felaktiga uppgifter rättas
- kräva att dina uppgifter raderas när det inte längre finns grund för att behandla dem
- invända mot behandlingen när den grundar sig på en uppgift av allmänt intresse eller på ett berättigat \
intresse
- kräva att behandlingen begränsas i vissa situationer
- när som helst återkalla ditt samtycke.

Skicka din begäran till [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vi svarar inom en \
månad.

Om du anser att behandlingen av dina personuppgifter strider mot dataskyddsbestämmelserna kan du lämna \
in ett klagomål till **dataombudsmannen**.

## Kakor

Tjänsten använder endast kakor som är nödvändiga för att den ska fungera:

- **sessionskaka**, som håller dig inloggad
- **CSRF-skyddskaka**, som skyddar formulären mot förfalskade förfrågningar
- **språkkaka**, som kommer ihåg vilket språk du har valt.

Vi använder inga analys-, marknadsförings- eller spårningskakor. Nödvändiga kakor kräver inget samtycke, \
och därför visar tjänsten ingen kakbanner.
""",
    "body_en": """\
This notice explains how personal data is processed in the website of the national health and social care \
AI ecosystem. It is based on the EU General Data Protection Regulation (2016/679).

## Controller

The controller is **DigiFinland Oy**, which coordinates the day-to-day work of the ecosystem on behalf of \
the network led by the Ministry of Social Affairs and Health.

Contact for data protection matters: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)

## Why we process personal data

- **Membership register:** handling membership applications, keeping the details of member organisations \
and their contact persons up to date, and publishing the public directory of member organisations.
- **Funding calls:** receiving, processing and assessing applications, and corresponding with applicants.
- **Events:** handling registrations, communicating about events and sending feedback surveys.
- **Newsletter:** sending the newsletter to its subscribers.
- **User accounts and security:** signing in, managing access rights and recording changes made to \
important records.

## Legal basis

- **Newsletter:** consent (Article 6(1)(a) GDPR). You can withdraw your consent at any time using the \
unsubscribe link in the newsletter or by contacting us.
- **Membership register and funding applications:** the performance of a task carried out in the public \
interest, or the controller's legitimate interest in running the ecosystem and its funding calls \
(Article 6(1)(e) and (f)).
- **Event registrations, user accounts and logs:** the controller's legitimate interest in organising \
events and keeping the service secure (Article 6(1)(f)).

## What data we process

- About member organisations: name, business ID, type of organisation, welfare region or municipality, \
website and a short description.
- About contact persons: name, email address and organisation, and where needed job title and phone \
number.
- About funding applications: the applicant organisation and its partners, the project description and \
budget, and the details of contact persons.
- About event registrations: name, email address, organisation and any additional information given when \
registering.
- About newsletter subscribers: email address, language and the time of subscription.
- About user accounts: email address, a hash of the password (never the password itself), sign-in details \
and a change log.

## How long we keep data

We keep personal data only as long as it is needed for the purpose it was collected for.

- Contact persons' details are kept for the duration of the membership and deleted when the membership \
ends or the contact person changes.
- Funding applications are kept as long as required by funding decisions, agreements, their follow-up and \
archiving obligations.
- Event registrations are deleted once they are no longer needed for organising the event, the feedback \
survey or statistics.
- A newsletter subscriber's details are deleted when they unsubscribe.
- Logs are kept as long as needed to keep the service secure and to investigate misuse.

## Who receives the data

- The public directory shows information about member organisations, such as their name, website and \
description. Contact persons' details are not published.
- Funding applications are handled by the call's steering group of officials of the Ministry of Social \
Affairs and Health and subject-matter experts, and application data is passed to the Ministry for its \
decisions.
- Service providers responsible for the technical operation of the service and for sending email process \
data on the controller's behalf and according to its instructions.

Data is not transferred outside the EU or the European Economic Area, and it is never disclosed for \
marketing.

## Your rights

You have the right to

- access your personal data
- have inaccurate data rectified
- have your data erased when there is no longer a basis for processing it
- object to processing that is based on a task in the public interest or on legitimate interest
- have processing restricted in certain situations
- withdraw your consent at any time.

Please send your request to [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). We will reply within \
one month.

If you believe that the processing of your personal data breaches data protection law, you may lodge a \
complaint with the **Data Protection Ombudsman**.

## Cookies

The service only uses cookies that are strictly necessary for it to work:

- a **session cookie**, which keeps you signed in
- a **CSRF protection cookie**, which protects forms against forged requests
- a **language cookie**, which remembers the language you have chosen.

We do not use analytics, marketing or tracking cookies. Strictly necessary cookies do not require \
consent, so the service shows no cookie banner.
""",
}


# --- accessibility ----------------------------------------------------------------------------------

ACCESSIBILITY = {
    "slug": "accessibility",
    "title_fi": "Saavutettavuusseloste",
    "title_sv": "Tillgänglighetsutlåtande",
    "title_en": "Accessibility statement",
    "body_fi": """\
Tämä saavutettavuusseloste koskee SOTE-tekoälyn ekosysteemin verkkopalvelua. Seloste perustuu lakiin \
digitaalisten palvelujen tarjoamisesta (306/2019), joka edellyttää, että julkisten verkkopalvelujen on \
oltava saavutettavia.

## Saavutettavuuden tila

Verkkopalvelu on suunniteltu ja toteutettu täyttämään WCAG 2.1 -ohjeiston AA-tason \
saavutettavuusvaatimukset, ja tavoitteena on, että se täyttää ne kaikilta osin. Palvelua testataan \
automaattisilla axe-core-tarkistuksilla sekä käsin näppäimistöllä käyttäen.

## Tunnetut puutteet

- Rahoitushaun yhteydessä julkaistavat PDF-liitteet, kuten tarkistuslistat sekä kysymykset ja vastaukset, \
eivät välttämättä ole kaikilta osin saavutettavia. Voit pyytää liitteen sisällön saavutettavassa \
muodossa osoitteesta [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).

## Miten seloste on laadittu

Seloste on laadittu vuonna 2026. Saavutettavuus on arvioitu itsearviointina edellä kuvatuin \
automaattisin ja manuaalisin testein. Selostetta päivitetään, kun palveluun tehdään olennaisia \
muutoksia.

## Anna palautetta saavutettavuudesta

Huomasitko saavutettavuuspuutteen? Kerro siitä meille sähköpostitse osoitteeseen \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vastaamme 14 päivän kuluessa.

## Valvontaviranomainen

Jos huomaat palvelussa saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen \
saamaasi vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä ilmoituksen Etelä-Suomen \
aluehallintovirastoon. Aluehallintoviraston sivuilla kerrotaan, miten ilmoituksen voi tehdä ja miten \
asia käsitellään.

### Valvontaviranomaisen yhteystiedot

- Etelä-Suomen aluehallintovirasto, saavutettavuuden valvonnan yksikkö
- Verkkosivusto: saavutettavuusvaatimukset.fi
- Sähköposti: saavutettavuus@avi.fi
- Puhelinvaihde: 0295 016 000
""",
    "body_sv": """\
Detta tillgänglighetsutlåtande gäller webbtjänsten för ekosystemet för AI inom social- och hälsovården. \
Utlåtandet grundar sig på lagen om tillhandahållande av digitala tjänster (306/2019), som kräver att \
offentliga webbtjänster är tillgängliga.

## Tillgänglighetsstatus

Webbtjänsten har planerats och byggts för att uppfylla tillgänglighetskraven på nivå AA i WCAG 2.1, och \
målet är att den uppfyller dem fullt ut. Tjänsten testas med automatiska axe-core-kontroller och manuellt \
med enbart tangentbord.

## Kända brister

- PDF-bilagor som publiceras i samband med ansökningsomgångarna, till exempel checklistor samt frågor och \
svar, är inte nödvändigtvis tillgängliga i alla avseenden. Du kan be att få innehållet i tillgänglig form \
via [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).

## Hur utlåtandet har utarbetats

Utlåtandet har utarbetats 2026. Tillgängligheten har bedömts genom en självutvärdering med de automatiska \
och manuella tester som beskrivs ovan. Utlåtandet uppdateras när tjänsten ändras väsentligt.

## Ge respons om tillgängligheten

Har du upptäckt en tillgänglighetsbrist? Meddela oss per e-post: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vi svarar inom 14 dagar.

## Tillsynsmyndighet

Om du upptäcker tillgänglighetsproblem i tjänsten, ge först respons till oss. Om du inte är nöjd med \
svaret eller inte får något svar inom två veckor kan du göra en anmälan till Regionförvaltningsverket i \
Södra Finland. På regionförvaltningsverkets webbplats finns information om hur du gör en anmälan och hur \
ärendet behandlas.

### Tillsynsmyndighetens kontaktuppgifter

- Regionförvaltningsverket i Södra Finland, enheten för tillgänglighetstillsyn
- Webbplats: tillganglighetskrav.fi
- E-post: saavutettavuus@avi.fi
- Telefonväxel: 0295 016 000
""",
    "body_en": """\
This accessibility statement applies to the website of the national health and social care AI ecosystem. \
It is based on the Act on the Provision of Digital Services (306/2019), which requires public online \
services to be accessible.

## Compliance status

The website has been designed and built to meet the Level AA requirements of the Web Content \
Accessibility Guidelines (WCAG) 2.1, and our aim is for it to meet them in full. The service is tested \
with automated axe-core checks and manually using only a keyboard.

## Known shortcomings

- PDF attachments published with the funding calls, such as checklists and questions and answers, may \
not be fully accessible. You can ask for their content in an accessible format at \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).

## How this statement was prepared

This statement was prepared in 2026. Accessibility was assessed through a self-assessment using the \
automated and manual tests described above. The statement is updated whenever the service changes \
significantly.

## Feedback on accessibility

Have you noticed an accessibility problem? Please let us know by email at \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). We will reply within 14 days.

## Enforcement procedure

If you notice accessibility problems on the website, please send your feedback to us first. If you are \
not satisfied with our reply, or you receive no reply within two weeks, you can report the matter to the \
Regional State Administrative Agency for Southern Finland. The agency's website explains how to submit a \
report and how it is handled.

### Contact details of the supervisory authority

- Regional State Administrative Agency for Southern Finland, Accessibility Supervision Unit
- Website: webaccessibility.fi
- Email: saavutettavuus@avi.fi
- Telephone switchboard: 0295 016 000
""",
}


# --- funding call -----------------------------------------------------------------------------------

FUNDING_CALL = {
    "slug": "funding-call",
    "title_fi": "Rahoitushaku",
    "title_sv": "Ansökan om finansiering",
    "title_en": "Funding call",
    "body_fi": """\
Sosiaali- ja terveysministeriön perustama SOTE-tekoälyn ekosysteemi keräsi hyvinvointialueilta, \
HUS-yhtymältä ja Helsingin kaupungilta hanke-ehdotuksia ja -ideoita tekoälyhankkeiksi. Ensimmäinen \
**tekoälyhankkeiden rahoitushaku hyvinvointialueille** oli auki **16.9.–25.10.2024**, ja hankkeille oli \
jaossa yhteensä 2–3 miljoonaa euroa sosiaali- ja terveysalan tekoälykehityksen edistämiseen. Tavoitteena \
oli rahoittaa noin 5–10 hanketta.

## Kuka voi hakea ja millaista rahoitusta

- Päähakijana voi olla hyvinvointialue (21 aluetta), HUS-yhtymä tai Helsingin kaupunki.
- Hakijoita kannustetaan verkostoitumaan esimerkiksi muiden alueiden, teknologiatoimittajien, virastojen \
ja laitosten sekä tutkijoiden kanssa.
- Sosiaali- ja terveysministeriö rahoittaa toteuttamiskelpoisimpia hankkeita enintään 50 prosentin \
osuudella hankkeen kustannuksista.
- Rahoitusta voi saada 1.1.2025 jälkeen aiheutuviin kuluihin. Rahoitus on tarkoitettu erityisesti \
ulkoisiin kustannuksiin, kuten teknologioihin ja niiden käyttöä tukevien asiantuntijapalvelujen \
hankintaan.

## Millaisia hankkeita haetaan

Haku on rajattu seuraaviin käyttötapauksiin:

1. ”Hoitajakuiskaaja”: tekoäly nostaa potilas- ja asiakastietoa sekä hoitosuosituksia ammattilaisen ja \
asiakkaan väliseen keskusteluun tai hoitoprosessiin.
2. Oirearviot ja asiakkaan palveluohjaus: asiakkaiden tiedonhaun, itsehoitoprosessin ja palveluun \
ohjaamisen tehostaminen sekä automaattinen palvelutarpeen tunnistaminen ja ohjaaminen ajanvaraukseen.
3. ”Sote-ammattilaisen tukiäly”: tekoälyn diagnostiikan ja hoitosuositusten tarkkuuden testaus ja \
kehittäminen rajattuihin tapauksiin.
4. Palvelutarpeen ennustaminen yksilötasolla ja ennaltaehkäisevä interventio.
5. Ammattilaisten hallinnollisen taakan keventäminen, esimerkiksi tuki lomakkeiden ja lausuntojen \
laatimiseen.
6. Reaaliaikainen tulkkaus sosiaali- ja terveyspalveluissa.
7. Jokin muu perusteltu käyttötapaus.

Hankkeessa on keskeistä todentaa **vaikuttavuus** tai lopputuotoksen **laajamittainen käyttöönotto** \
hankkeen jälkeen. Etusijalla ovat hankkeet, jotka tukevat eri toimijoiden yhteistyötä ja edistävät \
kokemusten ja ratkaisujen leviämistä, sekä suhteellisen nopeasti toteutettavat ratkaisut, jotka tuottavat \
konkreettisen tuloksen vuonna 2025 tai perustellusti vuonna 2026.

## Hakijan sitoumukset

Hanke sitoutuu

- ilmoittamaan ja kuvaamaan havaitut lainsäädännön kehitystarpeet sosiaali- ja terveysministeriölle
- välittämään tietoa ekosysteemiverkostolle ja käsittelemään avoimia kysymyksiä ja kokemuksia yhdessä \
verkoston kanssa
- arvioimaan vaikutuksia ja vaikuttavuutta THL:n arviointiohjeiden pohjalta
- edistämään vastuullista tekoälyn hyödyntämistä tekoälyasetuksen vaatimusten ja laadukkaan datan \
pohjalta (EU:n tekoälysäädöksen 10 artikla)
- saattamaan tekniset ratkaisunsa mahdollisuuksien mukaan kokeilua laajempaan kansalliseen käyttöön.

Rahoitettavista hankkeista 1–2 valitaan mukaan laajempaan sote-digitalisaation vaikuttavuuden \
tutkimushankkeeseen. Haun yhteydessä julkaistiin käytännönläheinen tarkistuslista (pdf) asioista, jotka \
hankkeen on vähintään otettava huomioon, sekä kysymyksiä ja vastauksia rahoitushausta (pdf).

## Käsittely ja vuoden 2024 tulokset

Ehdotukset käsittelee hankehaun ohjausryhmä, joka koostuu sosiaali- ja terveysministeriön virkamiehistä \
ja aihealueen asiantuntijoista. Vuonna 2024 ministeriö valitsi jatkosuunnitteluun otettavat hankkeet \
marraskuun alussa, DigiFinland Oy suunnitteli hankkeita edelleen niiden kanssa marraskuussa, ja \
rahoitettavat hankkeet oli määrä julkistaa joulukuun loppuun mennessä.

Vuoden 2024 haussa rahoitettiin 10 kokeiluhanketta yhteensä noin 2,3 miljoonalla eurolla. DigiFinland \
solmi sopimukset ensimmäisten kahdeksan hankkeen kanssa; ne valittiin vaikuttavuuden, skaalautuvuuden ja \
toteutettavuuden perusteella. Mahdolliset uudet hakukierrokset noudattavat samaa menettelyä.

Lisätietoja: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)
""",
    "body_sv": """\
Ekosystemet för AI inom social- och hälsovården, som grundats av social- och hälsovårdsministeriet, \
samlade in projektförslag och projektidéer om AI från välfärdsområdena, HUS-sammanslutningen och \
Helsingfors stad. Den första **ansökan om finansiering för AI-projekt i välfärdsområdena** var öppen \
**16.9–25.10.2024**, och totalt 2–3 miljoner euro fanns att fördela för att främja AI-utvecklingen inom \
social- och hälsovården. Målet var att finansiera cirka 5–10 projekt.

## Vem kan söka och vilken finansiering finns

- Huvudsökande kan vara ett välfärdsområde (det finns 21), HUS-sammanslutningen eller Helsingfors stad.
- Vi uppmuntrar de sökande att samarbeta med till exempel andra områden, teknikleverantörer, \
myndigheter och inrättningar samt forskare.
- Social- och hälsovårdsministeriet finansierar de mest genomförbara projekten med högst 50 procent av \
projektets kostnader.
- Finansiering kan beviljas för kostnader som uppstår efter 1.1.2025. Den är framför allt avsedd för \
externa kostnader, såsom upphandling av teknik och av expertis som stöder användningen av den.

## Vilka projekt söker vi

Ansökan är begränsad till följande användningsfall:

1. ”Hoitajakuiskaaja” (vårdarens viskare): AI lyfter fram patient- och klientuppgifter samt \
vårdrekommendationer i samtalet mellan yrkesperson och klient eller i vårdprocessen.
2. Symtombedömning och servicehandledning: effektivare informationssökning, egenvård och hänvisning till \
tjänster samt automatisk identifiering av servicebehov och hänvisning till tidsbokning.
3. ”Sote-ammattilaisen tukiäly” (beslutsstöd för yrkesutbildade personer): testning och utveckling av \
träffsäkerheten i AI-baserad diagnostik och vårdrekommendationer i avgränsade fall.
4. Prognostisering av servicebehov på individnivå och förebyggande insatser.
5. Minskad administrativ börda för yrkesutbildade personer, till exempel stöd för att fylla i blanketter \
och skriva utlåtanden.
6. Tolkning i realtid inom social- och hälsovårdstjänsterna.
7. Något annat motiverat användningsfall.

Det centrala i projektet är att påvisa **effekterna** eller att resultatet **tas i bruk i stor skala** \
efter projektet. Företräde ges åt projekt som stöder samarbete mellan olika aktörer och bidrar till att \
erfarenheter och lösningar sprids, samt åt lösningar som kan genomföras relativt snabbt och ger konkreta \
resultat 2025 eller, med motivering, 2026.

## Den sökandes åtaganden

Projektet förbinder sig att

- anmäla och beskriva identifierade behov av att utveckla lagstiftningen till social- och \
hälsovårdsministeriet
- dela information med ekosystemets nätverk och diskutera öppna frågor och erfarenheter med nätverket \
under projektets gång
- bedöma konsekvenser och effekter utifrån THL:s utvärderingsanvisningar
- främja ansvarsfull användning av AI utifrån kraven i AI-förordningen och data av hög kvalitet \
(artikel 10 i EU:s AI-förordning)
- om möjligt göra sina tekniska lösningar tillgängliga för bredare nationell användning än försöket.

Ett eller två av de finansierade projekten väljs ut att delta i ett större forskningsprojekt om \
effekterna av digitaliseringen inom social- och hälsovården. Med ansökan publicerades en praktisk \
checklista (pdf) över vad projekten åtminstone ska beakta samt frågor och svar om ansökan (pdf).

## Behandling och resultat 2024

Förslagen behandlas av styrgruppen för ansökningsomgången, som består av tjänstemän vid social- och \
hälsovårdsministeriet och sakkunniga på området. År 2024 valde ministeriet i början av november ut de \
projekt som gick vidare till fortsatt planering, DigiFinland Oy planerade projekten vidare tillsammans \
med dem i november och de finansierade projekten skulle offentliggöras före utgången av december.

I 2024 års omgång finansierades 10 pilotprojekt med sammanlagt cirka 2,3 miljoner euro. DigiFinland \
ingick avtal med de åtta första projekten, som valdes utifrån effekt, skalbarhet och genomförbarhet. \
Eventuella nya ansökningsomgångar följer samma process.

Mer information: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)
""",
    "body_en": """\
The national health and social care AI ecosystem, founded by the Ministry of Social Affairs and Health, \
invited the welfare regions, the HUS Group and the City of Helsinki to submit proposals and ideas for AI \
projects. The first **funding call for AI projects in the welfare regions** was open from **16 September \
to 25 October 2024**, with a total of 2–3 million euros available to advance AI development in health and \
social care. The aim was to fund around 5–10 projects.

## Who can apply and what funding is available

- The lead applicant must be a welfare region (there are 21), the HUS Group or the City of Helsinki.
- Applicants are encouraged to work with partners such as other regions, technology companies, government \
agencies and institutes, and researchers.
- The Ministry of Social Affairs and Health funds the most feasible projects, covering at most 50 per cent \
of a project's costs.
- Only costs incurred from 1 January 2025 onwards are eligible. The funding is intended mainly for \
external costs, such as technologies and the expert services needed to use them.

## What kind of projects we are looking for

The call is limited to the following use cases:

1. "Nurse whisperer": AI brings patient and client data and care recommendations into the conversation \
between professional and client or into the care process.
2. Symptom assessment and service guidance: more effective information search, self-care and guidance to \
services for clients, and automatic recognition of service needs with guidance to appointment booking.
3. Decision support for health and social care professionals: testing and improving the accuracy of AI \
diagnostics and care recommendations in well-defined cases.
4. Predicting service needs at the individual level, with preventive intervention.
5. Reducing professionals' administrative burden, for example support in completing forms and writing \
statements.
6. Real-time interpreting in health and social services.
7. Another justified use case.

A project must be able to demonstrate its **effectiveness** or the **large-scale deployment** of its \
results after the project ends. Priority goes to projects that support cooperation between different \
actors and help experiences and solutions spread, and to relatively quick solutions that deliver concrete \
results in 2025 or, where justified, in 2026.

## Applicants' commitments

Each project commits to

- report and describe any identified needs to develop legislation to the Ministry of Social Affairs and \
Health
- share information with the ecosystem network and work through open questions and experiences together \
with the network as the project progresses
- assess its impacts and effectiveness following THL's evaluation guidance
- promote the responsible use of AI based on the requirements of the EU AI Act and on high-quality data \
(Article 10 of the AI Act)
- make its technical solutions available for wider national use beyond the pilot wherever possible.

One or two of the funded projects are selected to take part in a wider research project on the \
effectiveness of digitalisation in health and social care. A practical checklist (PDF) of the minimum \
points projects must consider, and questions and answers about the call (PDF), were published alongside \
the call.

## Process and the 2024 outcome

Proposals are handled by the call's steering group, made up of officials of the Ministry of Social \
Affairs and Health and subject-matter experts. In 2024 the Ministry chose the projects for further \
planning in early November, DigiFinland Oy developed the plans further with them during November, and the \
funded projects were to be announced by the end of December.

The 2024 call funded 10 pilot projects with a total of about 2.3 million euros. DigiFinland signed \
agreements with the first eight, which were chosen for their impact, scalability and feasibility. Any \
future funding rounds follow the same process.

More information: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi)
""",
}


# --- join -------------------------------------------------------------------------------------------

JOIN = {
    "slug": "join",
    "title_fi": "Tilaa uutiskirje ja liity jäseneksi",
    "title_sv": "Prenumerera på nyhetsbrevet och bli medlem",
    "title_en": "Join the network and subscribe to the newsletter",
    "body_fi": """\
SOTE-tekoälyn ekosysteemiin voivat liittyä sosiaali- ja terveysalan toimijat, kuten viranomaiset, \
yritykset ja tutkijat. Organisaatio liittyy verkostoon tämän sivuston kautta: koordinaattori hyväksyy \
jäsenhakemukset, ja hyväksytyt jäsenorganisaatiot näytetään julkisessa jäsenluettelossa. Suomalaisilta \
organisaatioilta pyydetään Y-tunnus. Jäsenorganisaatioita oli 285 tilanteessa 5.3.2026.

Uutiskirje kertoo ekosysteemin uutisista, tekoälyn käyttötapauksista ja lainsäädännön tulkinnoista. \
Tilaajia oli yli 1 380 tilanteessa 5.3.2026. Uutiskirje ilmestyy toistaiseksi suomeksi.

Jäsenhakemus ja uutiskirjeen tilaus tulevat tähän palveluun pian. Siihen asti voit ilmoittaa \
organisaatiosi jäseneksi tai tilata uutiskirjeen sähköpostitse: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
Aktörer inom social- och hälsovården, såsom myndigheter, företag och forskare, kan ansluta sig till \
ekosystemet för AI inom social- och hälsovården. Organisationer ansluter sig till nätverket via den här \
webbplatsen: en koordinator godkänner medlemsansökningarna, och godkända medlemsorganisationer visas i den \
offentliga medlemsförteckningen. Finländska organisationer ombeds uppge sitt FO-nummer. Den 5.3.2026 hade \
nätverket 285 medlemsorganisationer.

Nyhetsbrevet berättar om nyheter i ekosystemet, användningsfall för AI och tolkningar av lagstiftningen. \
Den 5.3.2026 hade det över 1 380 prenumeranter. Nyhetsbrevet ges tills vidare ut på finska.

Medlemsansökan och prenumerationen på nyhetsbrevet kommer snart till den här tjänsten. Fram till dess kan \
du anmäla din organisation som medlem eller prenumerera på nyhetsbrevet per e-post: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
Organisations working in health and social care, including public authorities, companies and \
researchers, can join the national health and social care AI ecosystem. Organisations join through this \
website: a coordinator approves each application, and approved member organisations appear in the public \
directory. Finnish organisations are asked for their business ID (Y-tunnus). On 5 March 2026 the network \
had 285 member organisations.

The newsletter covers news from the ecosystem, AI use cases and interpretations of legislation. On \
5 March 2026 it had more than 1,380 subscribers. For now, the newsletter is published in Finnish only.

Membership applications and newsletter subscriptions will soon be available on this site. Until then, you \
can register your organisation as a member or subscribe to the newsletter by email: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


# --- members ----------------------------------------------------------------------------------------

MEMBERS = {
    "slug": "members",
    "title_fi": "Jäsenorganisaatiot",
    "title_sv": "Medlemsorganisationer",
    "title_en": "Member organisations",
    "body_fi": """\
SOTE-tekoälyn ekosysteemin jäsenet ovat sosiaali- ja terveysalan edelläkävijäorganisaatioita: \
viranomaisia, hyvinvointialueita, yrityksiä, tutkijoita ja muita toimijoita eri puolilta Suomea. \
Mukana oli 136 organisaatiota jo 19.9.2024, ja 5.3.2026 \
jäsenorganisaatioita oli 285. Tavoitteena on 300 jäsenorganisaatiota.

Tähän osioon tulee julkinen luettelo hyväksytyistä jäsenorganisaatioista. Siihen asti jäsenet on \
lueteltu [DigiFinlandin sivustolla](https://digifinland.fi/sote-tekoalyn-ekosysteemi/jasenet/).

Haluatko organisaatiosi mukaan? Ota yhteyttä: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
Medlemmarna i ekosystemet för AI inom social- och hälsovården är föregångsorganisationer inom social- och \
hälsovården: myndigheter, välfärdsområden, företag, forskare och andra aktörer från olika delar av \
Finland. Redan den 19.9.2024 var 136 organisationer med, och den 5.3.2026 hade antalet \
medlemsorganisationer stigit till 285. Målet är 300 medlemsorganisationer.

Här kommer en offentlig förteckning över godkända medlemsorganisationer att publiceras. Fram till dess \
finns medlemmarna listade [på DigiFinlands webbplats](https://digifinland.fi/sote-tekoalyn-ekosysteemi/jasenet/).

Vill din organisation vara med? Kontakta oss: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
The members of the national health and social care AI ecosystem are forerunner organisations in health \
and social care: public authorities, welfare regions, companies, researchers and other actors from across \
Finland. On 19 September 2024 the network already had 136 member organisations; by 5 March 2026 \
there were 285. The target is 300 member organisations.

A public directory of approved member organisations will be published in this section. Until then, the \
members are listed [on the DigiFinland website](https://digifinland.fi/sote-tekoalyn-ekosysteemi/jasenet/) \
(in Finnish).

Would your organisation like to join? Get in touch: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


# --- coordination group -----------------------------------------------------------------------------

COORDINATION_GROUP = {
    "slug": "coordination-group",
    "title_fi": "Koordinaatioryhmä",
    "title_sv": "Samordningsgruppen",
    "title_en": "Coordination group",
    "body_fi": """\
SOTE-tekoälyn ekosysteemiä johtaa sosiaali- ja terveysministeriö, ja sen toimintaa ohjaa verkoston \
koordinaatioryhmä. Ryhmässä ovat mukana:

- **Sosiaali- ja terveysministeriö (STM)** perusti ekosysteemin kesällä 2024 ja johtaa sitä. \
Ekosysteemin puheenjohtaja tulee ministeriöstä, ja ministeriö päättää rahoitushaun hankkeiden \
rahoituksesta.
- **Terveyden ja hyvinvoinnin laitos (THL)**: rahoitettavat hankkeet arvioivat vaikutuksiaan ja \
vaikuttavuuttaan THL:n arviointiohjeiden pohjalta.
- **HUS**
- **UNA Oy**
- **Sitra**, mukana vuodesta 2026.
- **DigiFinland Oy** toimii ekosysteemin käytännön toiminnan koordinaattorina. Se teki myös \
jatkosuunnittelun vuoden 2024 rahoitushaussa valittujen hankkeiden kanssa.

Koordinaatioryhmän henkilöt ja heidän yhteystietonsa tulevat tähän osioon. Yhteydenotot ekosysteemille: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
Ekosystemet för AI inom social- och hälsovården leds av social- och hälsovårdsministeriet, och dess \
verksamhet styrs av nätverkets samordningsgrupp. I gruppen ingår:

- **Social- och hälsovårdsministeriet (SHM)** grundade ekosystemet sommaren 2024 och leder det. \
Ekosystemets ordförande kommer från ministeriet, och ministeriet beslutar om finansieringen av projekten \
i ansökningsomgångarna.
- **Institutet för hälsa och välfärd (THL):** de finansierade projekten bedömer sina konsekvenser och \
effekter utifrån THL:s utvärderingsanvisningar.
- **HUS**
- **UNA Oy**
- **Sitra**, med från och med 2026.
- **DigiFinland Oy** samordnar ekosystemets praktiska verksamhet. Bolaget genomförde också den \
fortsatta planeringen med de projekt som valdes ut i 2024 års ansökningsomgång.

Samordningsgruppens personer och deras kontaktuppgifter kommer att publiceras här. Kontakt till \
ekosystemet: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
The national health and social care AI ecosystem is led by the Ministry of Social Affairs and Health, and \
its work is steered by the network's coordination group. The group consists of:

- **The Ministry of Social Affairs and Health (STM)**, which founded the ecosystem in summer 2024 and \
leads it. The ecosystem's chair comes from the Ministry, and the Ministry decides on funding for projects \
in the funding calls.
- **The Finnish Institute for Health and Welfare (THL):** funded projects assess their impacts and \
effectiveness following THL's evaluation guidance.
- **HUS**
- **UNA Oy**
- **Sitra**, a member since 2026.
- **DigiFinland Oy**, which coordinates the ecosystem's day-to-day work. It also worked with the projects \
selected in the 2024 funding call to develop their plans further.

The people in the coordination group and their contact details will be listed in this section. To contact \
the ecosystem, write to [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


# --- AI implementations -----------------------------------------------------------------------------

AI_IMPLEMENTATIONS = {
    "slug": "ai-implementations",
    "title_fi": "Tekoälytoteutuksia",
    "title_sv": "AI-tillämpningar",
    "title_en": "AI implementations",
    "body_fi": """\
Tähän osioon kootaan valtakunnallista tilannekuvaa sosiaali- ja terveydenhuollon tekoälytoteutuksista: \
missä tekoälyä jo käytetään tai kokeillaan, millaisiin käyttötapauksiin ja millaisin kokemuksin. \
Tilannekuvan ylläpito ja kehittäminen on yksi hyvinvointialueiden tekoälyverkoston tavoitteista vuonna \
2026: kokonaiskuvaa hyvinvointialueiden tekoälyhankkeista, kyvykkyyksistä ja kehityssuunnista kootaan ja \
päivitetään päätöksenteon ja ohjauksen tueksi.

Pohjana ovat muun muassa DigiFinlandin keväällä 2024 laatima selvitys [”Tekoäly hyvinvointialueilla: \
sosiaali- ja terveydenhuollon käyttötapaukset ja kansallinen \
edistäminen”](https://digifinland.fi/wp-content/uploads/2024/03/DigiFinland_tekoaly_loppuraportti_210324.pdf) \
(pdf), jossa käsitellään noin 50 käyttötapausta kuuteen luokkaan jaoteltuina, sekä ekosysteemin \
rahoittamat kokeiluhankkeet: vuoden 2024 rahoitushaussa rahoitettiin 10 hanketta.

Kerro organisaatiosi tekoälytoteutuksesta: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
I det här avsnittet samlas en nationell lägesbild av AI-tillämpningar inom social- och hälsovården: var \
AI redan används eller testas, för vilka användningsfall och med vilka erfarenheter. Att upprätthålla och \
utveckla lägesbilden är ett av målen för välfärdsområdenas AI-nätverk 2026: en helhetsbild av \
välfärdsområdenas AI-projekt, kapacitet och utvecklingsriktningar sammanställs och uppdateras som stöd för \
beslutsfattande och styrning.

Som grund används bland annat DigiFinlands utredning från våren 2024, [”Tekoäly hyvinvointialueilla: \
sosiaali- ja terveydenhuollon käyttötapaukset ja kansallinen \
edistäminen”](https://digifinland.fi/wp-content/uploads/2024/03/DigiFinland_tekoaly_loppuraportti_210324.pdf) \
(pdf, på finska), som behandlar ett femtiotal användningsfall indelade i sex kategorier, samt de \
pilotprojekt som ekosystemet finansierar: i 2024 års ansökningsomgång finansierades 10 projekt.

Berätta om din organisations AI-tillämpning: [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
This section brings together a national situational picture of AI implementations in health and social \
care: where AI is already in use or being piloted, for which use cases and with what experience. \
Maintaining and developing this picture is one of the 2026 goals of the welfare regions' AI network, \
which compiles and updates an overview of the regions' AI projects, capabilities and directions of \
development to support decision-making and steering.

It builds on, among other things, DigiFinland's spring 2024 report [“Tekoäly hyvinvointialueilla: \
sosiaali- ja terveydenhuollon käyttötapaukset ja kansallinen \
edistäminen”](https://digifinland.fi/wp-content/uploads/2024/03/DigiFinland_tekoaly_loppuraportti_210324.pdf) \
(AI in the welfare regions, PDF in Finnish), which covers some 50 use cases in six categories, and on the \
pilot projects funded by the ecosystem: the 2024 funding call funded 10 projects.

Tell us about your organisation's AI implementation: \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


# --- bulletin board ---------------------------------------------------------------------------------

BULLETIN_BOARD = {
    "slug": "bulletin-board",
    "title_fi": "Ilmoitustaulu",
    "title_sv": "Anslagstavla",
    "title_en": "Bulletin board",
    "body_fi": """\
Ilmoitustaululla julkaistaan SOTE-tekoälyn ekosysteemin ajankohtaisia ilmoituksia: tulevia tapahtumia, \
rahoitushakuihin liittyviä tiedotteita sekä työryhmien ja verkoston kuulumisia.

Ekosysteemi järjestää verkossa AI-aamuja joka toinen keskiviikko klo 8.30–9.30 sekä avoimia \
infotilaisuuksia. Tilaisuudet pidetään toistaiseksi suomeksi, ja jokaisen tapahtuman jälkeen osallistujille \
lähetetään palautekysely.

Onko sinulla ilmoitus verkostolle? Lähetä se osoitteeseen \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_sv": """\
På anslagstavlan publiceras aktuella meddelanden från ekosystemet för AI inom social- och hälsovården: \
kommande evenemang, information om ansökningsomgångar samt nytt från arbetsgrupperna och nätverket.

Ekosystemet ordnar AI-morgnar på webben varannan onsdag kl. 8.30–9.30 och öppna informationsmöten. \
Evenemangen hålls tills vidare på finska, och efter varje evenemang får deltagarna en responsenkät.

Har du ett meddelande till nätverket? Skicka det till \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
    "body_en": """\
The bulletin board carries current notices from the national health and social care AI ecosystem: \
upcoming events, announcements about funding calls, and news from the working groups and the network.

The ecosystem hosts online AI mornings every other Wednesday from 8.30 to 9.30 am, as well as open \
information sessions. The events are held in Finnish for now, and participants receive a feedback survey \
after each one.

Do you have a notice for the network? Send it to [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
""",
}


PAGES = [
    HOME,
    ABOUT,
    PRIVACY,
    ACCESSIBILITY,
    FUNDING_CALL,
    JOIN,
    MEMBERS,
    COORDINATION_GROUP,
    AI_IMPLEMENTATIONS,
    BULLETIN_BOARD,
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for page in PAGES:
        fields = {key: value.strip() for key, value in page.items() if key != "slug"}
        Page.objects.get_or_create(
            slug=page["slug"],
            defaults={**fields, "title": fields["title_fi"], "body": fields["body_fi"]},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_pages, migrations.RunPython.noop),
    ]
