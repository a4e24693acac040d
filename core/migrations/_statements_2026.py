"""Texts of migration 0004 (kept apart so the migration stays readable)."""

import importlib

initial = importlib.import_module("core.migrations.0002_initial_pages")

ACCESSIBILITY_FI = """\
SOTE-tekoälyn ekosysteemi pyrkii takaamaan verkkopalvelunsa saavutettavuuden lain digitaalisten \
palvelujen tarjoamisesta (306/2019) mukaisesti. Tämä saavutettavuusseloste koskee SOTE-tekoälyn \
ekosysteemin verkkopalvelua ja sen tuottamia asiakirjoja.

## Vaatimustenmukaisuus

Tämä verkkopalvelu täyttää **osittain** WCAG 2.1 -ohjeiston AA-tason saavutettavuusvaatimukset. \
Poikkeamat on lueteltu alla.

## Ei-saavutettava sisältö

### Vaatimusten vastainen sisältö

- **Rahoitushakujen PDF-liitteet** (esimerkiksi tarkistuslistat sekä kysymykset ja vastaukset) laaditaan \
palvelun ulkopuolella, eikä niiden rakennetta ole tarkistettu. Otsikot ja taulukot voivat puuttua \
rakenteesta, asiakirjan otsikko tai kieli voi puuttua. WCAG-kriteerit 1.3.1 Informaatio ja suhteet, \
2.4.2 Sivuilla on otsikot ja 3.1.1 Sivun kieli. Syy: asiakirjat laaditaan muilla välineillä, ja niiden \
korjaaminen on kesken. Saat liitteen sisällön saavutettavassa muodossa pyytämällä osoitteesta \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
- **Ylläpitoliittymä** (koordinaattorien, ohjausryhmän ja päättäjien käyttämä Django-hallinta) ei kaikilta \
osin mukaudu kapeaan näyttöön, ja osa sen luetteloista vierii sivusuunnassa. WCAG-kriteeri 1.4.10 \
Responsiivisuus. Syy: ylläpitoliittymä perustuu Django-kehyksen valmiiseen hallintaliittymään, jota \
muokataan vaiheittain.
- **Osa sisällöstä on vain suomeksi.** Ruotsin- tai englanninkielisillä sivuilla suomenkielinen teksti \
on merkitty kieleltään suomeksi ja varustettu merkinnällä ”Saatavilla vain suomeksi”, mutta käännös \
puuttuu. Tämä ei ole WCAG-poikkeama, mutta kerromme siitä avoimuuden vuoksi.

### Sisältö, joka ei kuulu lainsäädännön piiriin

- Hakijoiden, jäsenorganisaatioiden ja tapahtumien puhujien toimittamat tiedostot ja tallenteet sekä \
linkit ulkoisiin palveluihin (esimerkiksi verkkotapahtumien kokousalustat) ovat kolmansien osapuolten \
sisältöä, jota emme tuota emmekä hallinnoi.

## Selosteen laatiminen

Tämä seloste on laadittu 23.11.2026 ja tarkistettu viimeksi 2.12.2026. Saavutettavuus on arvioitu \
itsearviointina: jokainen julkinen sivu tarkistetaan automaattisesti axe-core-työkalulla (WCAG 2.1 AA), \
Nu Html Checker -validaattorilla sekä 320 pikselin näyttöleveydellä kolmella kielellä, ja palvelua \
testataan käsin näppäimistöllä. Palvelun tuottamat PDF-asiakirjat (kuittaukset, päätöskirjeet ja \
kokousaineistot) ovat PDF/UA-merkittyjä.

## Palaute ja yhteystiedot

Huomasitko saavutettavuuspuutteen tai tarvitsetko sisältöä saavutettavassa muodossa? Kirjoita \
osoitteeseen [tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vastaamme **14 päivän kuluessa**.

## Valvontaviranomainen

Jos huomaat palvelussa saavutettavuusongelmia, anna ensin palautetta meille. Jos et ole tyytyväinen \
vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä ilmoituksen valvontaviranomaiselle. \
Saavutettavuuden valvonnasta vastaa 1.1.2026 alkaen **Lupa- ja valvontavirasto**, johon \
aluehallintovirastot yhdistettiin.

### Valvontaviranomaisen yhteystiedot

- Lupa- ja valvontavirasto, saavutettavuuden valvonta
- Ilmoitusohjeet ja yhteystiedot: saavutettavuusvaatimukset.fi
"""

ACCESSIBILITY_SV = """\
Ekosystemet för AI inom social- och hälsovården strävar efter att göra sin webbtjänst tillgänglig i \
enlighet med lagen om tillhandahållande av digitala tjänster (306/2019). Detta tillgänglighetsutlåtande \
gäller ekosystemets webbtjänst och de dokument den skapar.

## Överensstämmelse med kraven

Denna webbtjänst uppfyller **delvis** tillgänglighetskraven på nivå AA i WCAG 2.1. Avvikelserna anges \
nedan.

## Innehåll som inte är tillgängligt

### Innehåll som inte uppfyller kraven

- **PDF-bilagor till ansökningsomgångarna** (till exempel checklistor samt frågor och svar) utarbetas \
utanför tjänsten och deras struktur har inte kontrollerats. Rubriker och tabeller kan saknas i strukturen, \
och dokumentets titel eller språk kan saknas. WCAG-kriterierna 1.3.1 Information och relationer, \
2.4.2 Sidtitel och 3.1.1 Sidans språk. Orsak: dokumenten görs med andra verktyg och arbetet med att \
rätta dem pågår. Du får innehållet i tillgänglig form via \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
- **Administrationsgränssnittet** (Django-administrationen för koordinatorer, styrgrupp och beslutsfattare) \
anpassar sig inte helt till smala skärmar och vissa listor rullar i sidled. WCAG-kriteriet 1.4.10 Ombrytning. \
Orsak: gränssnittet bygger på Django-ramverkets färdiga administration, som anpassas stegvis.
- **En del innehåll finns endast på finska.** På svenska och engelska sidor är den finska texten märkt \
som finska och försedd med anteckningen ”Endast på finska”, men översättningen saknas. Detta är ingen \
WCAG-avvikelse, men vi berättar om det för öppenhetens skull.

### Innehåll som inte omfattas av lagstiftningen

- Filer och inspelningar från sökande, medlemsorganisationer och talare samt länkar till externa tjänster \
(till exempel mötesplattformar för webbevenemang) är innehåll från tredje part som vi varken producerar \
eller förvaltar.

## Hur utlåtandet har utarbetats

Utlåtandet har utarbetats 23.11.2026 och granskades senast 2.12.2026. Tillgängligheten har bedömts genom \
självutvärdering: varje offentlig sida kontrolleras automatiskt med axe-core (WCAG 2.1 AA), med \
Nu Html Checker och med 320 pixlars skärmbredd på tre språk, och tjänsten testas manuellt med tangentbord. \
PDF-dokumenten som tjänsten skapar (kvitton, beslutsbrev och mötesmaterial) är taggade enligt PDF/UA.

## Respons och kontaktuppgifter

Har du upptäckt en tillgänglighetsbrist eller behöver du innehåll i tillgänglig form? Skriv till \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). Vi svarar **inom 14 dagar**.

## Tillsynsmyndighet

Om du upptäcker tillgänglighetsproblem i tjänsten, ge först respons till oss. Om du inte är nöjd med \
svaret eller inte får något svar inom två veckor kan du göra en anmälan till tillsynsmyndigheten. \
Sedan 1.1.2026 sköts tillgänglighetstillsynen av **Tillstånds- och tillsynsverket** (Lupa- ja \
valvontavirasto), som regionförvaltningsverken slogs samman i.

### Tillsynsmyndighetens kontaktuppgifter

- Tillstånds- och tillsynsverket, tillgänglighetstillsynen
- Anvisningar för anmälan och kontaktuppgifter: tillganglighetskrav.fi
"""

ACCESSIBILITY_EN = """\
The national health and social care AI ecosystem is committed to making its website accessible in \
accordance with the Act on the Provision of Digital Services (306/2019). This accessibility statement \
applies to the ecosystem's website and the documents it produces.

## Compliance status

This website is **partially compliant** with the Level AA requirements of the Web Content Accessibility \
Guidelines (WCAG) 2.1, due to the non-compliances listed below.

## Non-accessible content

### Non-compliance with the accessibility requirements

- **PDF attachments of the funding calls** (such as checklists and questions and answers) are prepared \
outside the website and their structure has not been checked. Headings and tables may be missing from \
the structure, and the document title or language may be missing. WCAG success criteria 1.3.1 Info and \
Relationships, 2.4.2 Page Titled and 3.1.1 Language of Page. Reason: the documents are made with other \
tools and correcting them is under way. You can get their content in an accessible format from \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi).
- **The administration interface** (the Django administration used by coordinators, the steering group \
and decision makers) does not fully adapt to narrow screens, and some of its lists scroll sideways. \
WCAG success criterion 1.4.10 Reflow. Reason: it is built on the Django framework's ready-made \
administration, which is being adapted step by step.
- **Some content is only in Finnish.** On Swedish and English pages, Finnish text is marked as Finnish and \
labelled "Only in Finnish", but the translation is missing. This is not a WCAG non-compliance; we mention \
it to be open about it.

### Content that is not within the scope of the legislation

- Files and recordings provided by applicants, member organisations and speakers, and links to external \
services (such as the meeting platforms of online events), are third-party content that we neither \
produce nor control.

## Preparation of this accessibility statement

This statement was prepared on 23 November 2026 and last reviewed on 2 December 2026. Accessibility was \
assessed by self-assessment: every public page is checked automatically with axe-core (WCAG 2.1 AA), \
the Nu Html Checker and at a screen width of 320 pixels in three languages, and the service is tested \
manually with a keyboard. The PDF documents the website produces (receipts, decision letters and meeting \
documents) are tagged to PDF/UA.

## Feedback and contact information

Have you noticed an accessibility problem, or do you need content in an accessible format? Write to \
[tekoaly@digifinland.fi](mailto:tekoaly@digifinland.fi). We will reply **within 14 days**.

## Enforcement procedure

If you notice accessibility problems on the website, please send your feedback to us first. If you are \
not satisfied with our reply, or you receive no reply within two weeks, you can report the matter to the \
supervisory authority. Since 1 January 2026 accessibility is supervised by the **Finnish Supervisory \
Agency** (Lupa- ja valvontavirasto), into which the Regional State Administrative Agencies were merged.

### Contact details of the supervisory authority

- Finnish Supervisory Agency (Lupa- ja valvontavirasto), accessibility supervision
- How to report, and contact details: webaccessibility.fi
"""

# Privacy notice: what the portal publishes about people, and the cookies it really sets.
PUBLISHED = {
    "body_fi": (
        "Yhteyshenkilöiden tietoja ei julkaista.",
        "Jäsenorganisaatioiden yhteyshenkilöiden tietoja ei julkaista. Koordinaatioryhmän sivulla julkaistaan \
ryhmän jäsenten nimet, tehtävänimikkeet, organisaatiot sekä sähköpostiosoitteet ja puhelinnumerot, ja \
tekoälytoteutusten sivuilla julkaistaan toteutuksen yhteyshenkilön nimi ja sähköpostiosoite, jos \
organisaatio on ilmoittanut ne julkaistaviksi.",
    ),
    "body_sv": (
        "Kontaktpersonernas uppgifter publiceras inte.",
        "Medlemsorganisationernas kontaktpersoners uppgifter publiceras inte. På samordningsgruppens sida \
publiceras medlemmarnas namn, titlar, organisationer samt e-postadresser och telefonnummer, och på sidorna \
om AI-implementeringar publiceras kontaktpersonens namn och e-postadress, om organisationen har angett dem \
för publicering.",
    ),
    "body_en": (
        "Contact persons' details are not published.",
        "The details of member organisations' contact persons are not published. The coordination group page \
publishes its members' names, job titles, organisations, email addresses and phone numbers, and the AI \
implementation pages publish the implementation's contact person's name and email address when the \
organisation has given them for publication.",
    ),
}
COOKIES = {
    "body_fi": (
        "- **kielieväste**, joka muistaa valitsemasi kielen.",
        "- `csrftoken`: CSRF-suojauseväste, joka suojaa lomakkeita väärennetyiltä pyynnöiltä (kaikille \
kävijöille, säilyy vuoden)\n- `sessionid`: istuntoeväste, joka pitää kirjautumisen voimassa (vain \
kirjautuneille, säilyy enintään kaksi viikkoa)\n\nKieli valitaan sivun osoitteesta, joten kielievästettä \
ei käytetä.",
    ),
    "body_sv": (
        "- **språkkaka**, som kommer ihåg vilket språk du har valt.",
        "- `csrftoken`: CSRF-skyddskaka, som skyddar formulären mot förfalskade förfrågningar (alla \
besökare, sparas ett år)\n- `sessionid`: sessionskaka, som håller dig inloggad (endast inloggade, sparas \
högst två veckor)\n\nSpråket väljs i sidans adress, så ingen språkkaka används.",
    ),
    "body_en": (
        "- a **language cookie**, which remembers the language you have chosen.",
        "- `csrftoken`: a CSRF protection cookie, which protects forms against forged requests (every \
visitor, kept for a year)\n- `sessionid`: a session cookie, which keeps you signed in (signed-in users \
only, kept for up to two weeks)\n\nThe language is chosen by the page's address, so no language cookie \
is used.",
    ),
}
# The two generic lines above the language cookie's line go: the list is the named cookies now.
COOKIE_LINES = {
    "body_fi": [
        "- **istuntoeväste**, joka pitää kirjautumisen voimassa\n",
        "- **CSRF-suojauseväste**, joka suojaa lomakkeita väärennetyiltä pyynnöiltä\n",
    ],
    "body_sv": [
        "- **sessionskaka**, som håller dig inloggad\n",
        "- **CSRF-skyddskaka**, som skyddar formulären mot förfalskade förfrågningar\n",
    ],
    "body_en": [
        "- a **session cookie**, which keeps you signed in\n",
        "- a **CSRF protection cookie**, which protects forms against forged requests\n",
    ],
}


def _privacy(forward: bool):
    def change(field):
        def apply(text: str) -> str:
            old, new = PUBLISHED[field]
            cookie_old, cookie_new = COOKIES[field]
            if forward:
                if cookie_old in text:
                    for line in COOKIE_LINES[field]:
                        text = text.replace(line, "")
                    text = text.replace(cookie_old, cookie_new)
                return text.replace(old, new)
            if cookie_new in text:
                text = text.replace(cookie_new, "".join(COOKIE_LINES[field]) + cookie_old)
            return text.replace(new, old)

        return apply

    return {field: (None, change(field)) for field in PUBLISHED}


def _accessibility(forward: bool):
    pairs = {
        "body_fi": (initial.ACCESSIBILITY["body_fi"], ACCESSIBILITY_FI),
        "body_sv": (initial.ACCESSIBILITY["body_sv"], ACCESSIBILITY_SV),
        "body_en": (initial.ACCESSIBILITY["body_en"], ACCESSIBILITY_EN),
    }
    return {
        field: (old, new.strip()) if forward else (new, old.strip()) for field, (old, new) in pairs.items()
    }


def forwards():
    return {"accessibility": _accessibility(True), "privacy": _privacy(True)}


def backwards():
    return {"accessibility": _accessibility(False), "privacy": _privacy(False)}
