"""Translations of the monitoring dashboards: the pages, the charts, the exports, the monthly
report and the approval of months."""

FI = {
    # navigation (base.html)
    "Monitoring": "Seuranta",
    # the ten indicators (D000 "Uppföljningsobjekt"; the Finnish names of the monitoring objects)
    "Development of the employment level": "Työllisyystilanteen kehitys",
    "Savings in labour market subsidy for municipalities and the state": "Työmarkkinatuen säästöt kunnille ja valtiolle",
    "Activation rate and service starts": "Aktivointiaste ja palvelujen aloitukset",
    "Transitions from unemployment to work or education": "Siirtymät työttömyydestä työhön tai koulutukseen",
    "Average length of unemployment spells": "Työttömyysjaksojen keskimääräinen kesto",
    "Long-term and structurally unemployed": "Pitkäaikais- ja rakennetyöttömät",
    "Job offers and their results": "Työtarjoukset ja niiden tulokset",
    "Development of work and functional ability": "Työ- ja toimintakyvyn kehitys",
    "Customer satisfaction": "Asiakastyytyväisyys",
    "Staff wellbeing at work": "Henkilöstön työhyvinvointi",
    # version statuses and severities
    "preliminary": "alustava",
    "approved": "hyväksytty",
    "correction awaiting approval": "korjaus odottaa hyväksyntää",
    "superseded by a correction": "korvattu korjauksella",
    "correction withdrawn": "korjaus peruttu",
    "error": "virhe",
    "warning": "varoitus",
    # groups
    "All experiment areas": "Kaikki kokeilualueet",
    "Comparison group (rest of Finland)": "Vertailuryhmä (muu Suomi)",
    "Rest of Finland": "Muu Suomi",
    "Whole country": "Koko maa",
    "all experiment areas": "kaikki kokeilualueet",
    "comparison group": "vertailuryhmä",
    # charts
    "Monthly figures from %(first)s to %(last)s.": "Kuukausiluvut %(first)s–%(last)s.",
    "%(series)s: no figures to show.": "%(series)s: ei näytettäviä lukuja.",
    "%(series)s: first %(first)s, last %(last)s, lowest %(low)s, highest %(high)s.": (
        "%(series)s: ensimmäinen %(first)s, viimeinen %(last)s, pienin %(low)s, suurin %(high)s."
    ),
    "A missing or suppressed month is a gap in the line.": "Puuttuva tai salattu kuukausi näkyy katkona viivassa.",
    # suppression, ranks
    "Not shown: the figure is based on 1–%(limit)s persons.": "Ei näytetä: luku perustuu 1–%(limit)s henkilöön.",
    "rank %(rank)s of %(ranked)s areas, highest first": "sija %(rank)s/%(ranked)s aluetta, suurin ensin",
    'The figures are aggregates of the areas: none of them shows a person. A figure based on 1 to %(limit)s persons is not shown: <abbr class="suppressed" title="%(note)s">..</abbr> stands in its place, in the exports too.': (
        "Luvut ovat alueiden yhteenvetoja: mikään niistä ei näytä yksittäistä henkilöä. Lukua, joka "
        'perustuu 1–%(limit)s henkilöön, ei näytetä: sen paikalla on <abbr class="suppressed" '
        'title="%(note)s">..</abbr>, myös tiedostoihin ladattaessa.'
    ),
    # approval
    "This version is no longer waiting for approval.": "Tämä versio ei enää odota hyväksyntää.",
    "The figures of %(month)s changed after the page was opened (a new load). Look at them again before approving.": (
        "Kuukauden %(month)s luvut muuttuivat sivun avaamisen jälkeen (uusi lataus). Tarkista ne "
        "uudelleen ennen hyväksymistä."
    ),
    (
        "%(month)s cannot be approved: %(count)s data-quality error must be resolved first (%(first)s). Correct the data, run the monitoring again and load its figures.",
        "%(month)s cannot be approved: %(count)s data-quality errors must be resolved first (the first: %(first)s). Correct the data, run the monitoring again and load its figures.",
    ): (
        "Kuukautta %(month)s ei voi hyväksyä: %(count)s tietojen laatuvirhe on korjattava ensin "
        "(%(first)s). Korjaa tiedot, aja seuranta uudelleen ja lataa sen luvut.",
        "Kuukautta %(month)s ei voi hyväksyä: %(count)s tietojen laatuvirhettä on korjattava ensin "
        "(ensimmäinen: %(first)s). Korjaa tiedot, aja seuranta uudelleen ja lataa sen luvut.",
    ),
    "The form is out of date: open the page again.": "Lomake on vanhentunut: avaa sivu uudelleen.",
    "%(month)s was approved.": "Kuukausi %(month)s hyväksyttiin.",
    "Month": "Kuukausi",
    "Language of the report": "Raportin kieli",
    # export columns and table names
    "Status": "Tila",
    "Version": "Versio",
    "Indicator": "Indikaattori",
    "Indicator name": "Indikaattorin nimi",
    "Measure": "Mittari",
    "Grouping": "Ryhmittely",
    "Group": "Ryhmä",
    "Group name": "Ryhmän nimi",
    "Value": "Arvo",
    "Numerator": "Osoittaja",
    "Denominator": "Nimittäjä",
    "Persons": "Henkilöitä",
    "Suppressed (small cell)": "Salattu (pieni solu)",
    "Severity": "Vakavuus",
    "Check": "Tarkistus",
    "Finding": "Havainto",
    "Initial interviews due": "Erääntyneet alkuhaastattelut",
    "Held on time": "Pidetty ajallaan",
    "Held late": "Pidetty myöhässä",
    "Not held": "Pitämättä",
    "Share on time": "Osuus ajallaan",
    "Service": "Palvelu",
    "Period starts": "Jakso alkaa",
    "Period ends": "Jakso päättyy",
    "Cap (euros)": "Enimmäismäärä (euroa)",
    "Used (euros)": "Käytetty (euroa)",
    "Share used": "Käyttöaste",
    "Cap (places)": "Enimmäismäärä (paikkaa)",
    "Places used": "Paikkoja käytetty",
    "Field": "Kenttä",
    "Definition": "Määritelmä",
    "Indicator figures": "Indikaattoriluvut",
    "Data-quality findings": "Tietojen laatuhavainnot",
    "Deadline keeping": "Määräaikojen noudattaminen",
    "Quota use": "Kiintiöiden käyttö",
    "Overview of the areas": "Alueiden yleiskuva",
    "Indicator definitions": "Indikaattorien määritelmät",
    # the area page
    "Monitoring of %(area)s": "Seuranta: %(area)s",
    "All areas": "Kaikki alueet",
    "Months and their approval": "Kuukaudet ja niiden hyväksyntä",
    "The latest month with figures: %(month)s.": "Viimeisin kuukausi, jolta on lukuja: %(month)s.",
    "Approved on %(day)s.": "Hyväksytty %(day)s.",
    "Preliminary: not approved yet.": "Alustava: ei vielä hyväksytty.",
    "No monitoring figures have been loaded yet.": "Seurannan lukuja ei ole vielä ladattu.",
    "Indicators": "Indikaattorit",
    "Data-quality findings about the figures as a whole": "Lukuja kokonaisuutena koskevat laatuhavainnot",
    "Download the tables": "Lataa taulukot",
    "Download the table": "Lataa taulukko",
    "Monthly report": "Kuukausiraportti",
    "Open the printable report": "Avaa tulostettava raportti",
    "A report can be made once figures have been loaded.": "Raportin voi tehdä, kun lukuja on ladattu.",
    # one indicator
    "No figure for the latest month.": "Viimeisimmältä kuukaudelta ei ole lukua.",
    "A count: the comparison groups are not drawn beside it, as they differ in size from the area.": (
        "Lukumäärä: vertailuryhmiä ei piirretä sen rinnalle, koska ne ovat eri kokoisia kuin alue."
    ),
    "Figures of the chart: %(measure)s": "Kuvion luvut: %(measure)s",
    "No figures for this indicator yet.": "Tälle indikaattorille ei ole vielä lukuja.",
    # corrections
    "A correction of %(month)s awaits approval": "Kuukauden %(month)s korjaus odottaa hyväksyntää",
    "The approved figures (version %(locked)s) are shown. A recomputation of the month (version %(number)s) differs from them: across the country %(changed)s figures changed, %(added)s were added and %(removed)s removed. The approved figures stay until the ministry approves the correction.": (
        "Näytetään hyväksytyt luvut (versio %(locked)s). Kuukauden uudelleenlaskenta (versio "
        "%(number)s) poikkeaa niistä: koko maassa %(changed)s lukua muuttui, %(added)s lisättiin ja "
        "%(removed)s poistettiin. Hyväksytyt luvut pysyvät, kunnes ministeriö hyväksyy korjauksen."
    ),
    "Its data-quality findings differ too.": "Myös sen laatuhavainnot poikkeavat.",
    "What the correction changes for %(area)s and its comparison groups": "Mitä korjaus muuttaa alueella %(area)s ja sen vertailuryhmissä",
    "Approved": "Hyväksytty",
    "Corrected": "Korjattu",
    "removed": "poistettu",
    "None of the figures of %(area)s or its comparison groups changes.": "Alueen %(area)s ja sen vertailuryhmien luvut eivät muutu.",
    # deadline keeping and quotas
    "Deadline keeping: initial interviews held on time": "Määräaikojen noudattaminen: ajallaan pidetyt alkuhaastattelut",
    "Computed from the case system now, not part of the approved figures. By the month the interview was due: the deadline counts from the later of registration and referral to the area (14 calendar days until 1.5.2022, 5 working days from 2.5.2022); one passed without an interview counts as not kept. Clients who have left the area are not counted.": (
        "Laskettu asiakastietojärjestelmästä nyt, ei osa hyväksyttyjä lukuja. Haastattelun "
        "eräpäivän kuukauden mukaan: määräaika lasketaan ilmoittautumisesta tai alueelle "
        "ohjaamisesta sen mukaan, kumpi on myöhemmin (14 kalenteripäivää 1.5.2022 asti, 5 "
        "työpäivää 2.5.2022 alkaen); määräaika, joka on kulunut ilman haastattelua, lasketaan "
        "noudattamatta jääneeksi. Alueelta poistuneita asiakkaita ei lasketa."
    ),
    "Initial interviews of %(area)s by the month they were due": "Alueen %(area)s alkuhaastattelut eräpäivän kuukauden mukaan",
    "No initial interview of the area's clients has been due yet.": "Alueen asiakkaiden alkuhaastatteluja ei ole vielä erääntynyt.",
    "Quotas of %(area)s and their use": "Alueen %(area)s kiintiöt ja niiden käyttö",
    "Period": "Jakso",
    "Cap": "Enimmäismäärä",
    "Used": "Käytetty",
    "Places: cap": "Paikat: enimmäismäärä",
    "No quotas have been set for the area yet.": "Alueelle ei ole vielä asetettu kiintiöitä.",
    # overview
    "Monitoring of the experiment areas": "Kokeilualueiden seuranta",
    "The latest month of each indicator, for each area you may see and for the comparison groups. The name of an area leads to its figures over time.": (
        "Kunkin indikaattorin viimeisin kuukausi jokaiselta alueelta, jonka saat nähdä, ja "
        "vertailuryhmiltä. Alueen nimestä pääset sen lukuihin ajan mittaan."
    ),
    "The latest month of each indicator": "Kunkin indikaattorin viimeisin kuukausi",
    "Area": "Alue",
    # definitions
    "How each of the ten monitoring indicators is computed, as the latest loaded monitoring release states it. The definitions are written in the monitoring code, in English.": (
        "Miten kukin kymmenestä seurantaindikaattorista lasketaan, viimeisimmän ladatun "
        "seurantajulkaisun mukaan. Määritelmät on kirjoitettu seurannan koodiin englanniksi."
    ),
    "Unit": "Yksikkö",
    "The loaded figures carry no definition of this indicator.": "Ladatuissa luvuissa ei ole tämän indikaattorin määritelmää.",
    # months
    "Each month's figures are preliminary until the ministry approves them for the whole country; then they are locked. A locked month never changes silently: when a new computation differs, it waits here as a correction, and the approved figures are shown until the correction is approved. A correction can also be rejected, with the reason: the approved figures then stay, and the same figures computed again are not offered again. A month with a data-quality error cannot be approved.": (
        "Kunkin kuukauden luvut ovat alustavia, kunnes ministeriö hyväksyy ne koko maan osalta; "
        "silloin ne lukitaan. Lukittu kuukausi ei koskaan muutu huomaamatta: kun uusi laskenta "
        "poikkeaa, se odottaa täällä korjauksena, ja hyväksytyt luvut näytetään, kunnes korjaus "
        "hyväksytään. Korjauksen voi myös hylätä perustellen: silloin hyväksytyt luvut jäävät "
        "voimaan, eikä samoja uudelleen laskettuja lukuja tarjota uudelleen. Kuukautta, jolla on "
        "tietojen laatuvirhe, ei voi hyväksyä."
    ),
    "correction rejected": "korjaus hylätty",
    "Why is the correction rejected?": "Miksi korjaus hylätään?",
    "Say why the correction is rejected.": "Kerro, miksi korjaus hylätään.",
    "Reject the correction of %(month)s": "Hylkää korjaus: %(month)s",
    "The correction was not rejected": "Korjausta ei hylätty",
    "The correction of %(month)s was rejected; the approved figures stay in force.": (
        "Korjaus hylättiin (%(month)s); hyväksytyt luvut jäävät voimaan."
    ),
    "Correction %(number)s was rejected on %(day)s by %(who)s: %(reason)s": (
        "Korjauksen %(number)s hylkäsi %(day)s %(who)s: %(reason)s"
    ),
    "This correction is no longer waiting for approval.": (
        "Tämä korjaus ei enää odota hyväksyntää."
    ),
    "The correction of %(month)s changed after the page was opened (a new load). Look at it again before rejecting it.": (
        "Korjaus (%(month)s) muuttui sivun avaamisen jälkeen (uusi lataus). Katso se uudelleen "
        "ennen kuin hylkäät sen."
    ),
    "Say in at most %(length)s characters why the correction is rejected.": (
        "Kerro enintään %(length)s merkillä, miksi korjaus hylätään."
    ),
    "The month was not approved": "Kuukautta ei hyväksytty",
    "The figures of each month": "Kunkin kuukauden luvut",
    "Figures shown": "Näytettävät luvut",
    "Correction awaiting approval": "Hyväksyntää odottava korjaus",
    "Version %(number)s: %(changed)s figures changed, %(added)s added, %(removed)s removed.": (
        "Versio %(number)s: %(changed)s lukua muuttui, %(added)s lisättiin, %(removed)s poistettiin."
    ),
    "version %(number)s, %(figures)s figures": "versio %(number)s, %(figures)s lukua",
    "approved on %(day)s by %(who)s": "hyväksynyt %(who)s %(day)s",
    ("%(counter)s data-quality warning", "%(counter)s data-quality warnings"): (
        "%(counter)s laatuvaroitus",
        "%(counter)s laatuvaroitusta",
    ),
    (
        "%(counter)s data-quality error stops the approval:",
        "%(counter)s data-quality errors stop the approval:",
    ): (
        "%(counter)s laatuvirhe estää hyväksynnän:",
        "%(counter)s laatuvirhettä estää hyväksynnän:",
    ),
    "Approve the figures of %(month)s": "Hyväksy kuukauden %(month)s luvut",
    # the report
    "Monthly monitoring report: %(area)s, %(month)s": "Seurannan kuukausiraportti: %(area)s, %(month)s",
    "Municipal employment experiments: monthly monitoring": "Työllisyyden kuntakokeilut: kuukausiseuranta",
    "Monitoring report: %(area)s": "Seurantaraportti: %(area)s",
    "Printed on %(day)s.": "Tulostettu %(day)s.",
    "Print it, or save it as PDF, with the browser's print command (Ctrl+P).": (
        "Tulosta raportti tai tallenna se PDF-tiedostoksi selaimen tulostuskomennolla (Ctrl+P)."
    ),
    "The figures of %(month)s": "Kuukauden %(month)s luvut",
    "The area, the experiment areas together and the comparison group; the rank among the areas is by value, highest first.": (
        "Alue, kokeilualueet yhdessä ja vertailuryhmä; sija alueiden joukossa arvon mukaan, suurin "
        "ensin."
    ),
    "Rank": "Sija",
    "employed": "työllistyneet",
    "employment rate": "työllisyysaste",
    "moved into employment": "työllistyi",
    "labour market subsidy days paid": "maksetut työmarkkinatukipäivät",
    "labour market subsidy paid": "maksettu työmarkkinatuki",
    "municipalities' share": "kuntien osuus",
    "state's share": "valtion osuus",
    "saving for the municipalities against a year earlier": "kuntien säästö vuodentakaiseen verrattuna",
    "saving for the state against a year earlier": "valtion säästö vuodentakaiseen verrattuna",
    "change in subsidy paid against a year earlier": "maksetun tuen muutos vuodentakaiseen verrattuna",
    "change against a year earlier, compared with the comparison group": "muutos vuodentakaiseen verrattuna suhteessa vertailuryhmään",
    "in services": "palveluissa",
    "activation rate": "aktivointiaste",
    "service starts": "palvelujen aloitukset",
    "unemployed at the previous month's end": "työttömänä edellisen kuun lopussa",
    "moved from unemployment to work": "siirtyi työttömyydestä työhön",
    "moved from unemployment to education": "siirtyi työttömyydestä koulutukseen",
    "transition rate to work or education": "siirtymäaste työhön tai koulutukseen",
    "transition rate to work": "siirtymäaste työhön",
    "unemployment spells ended": "päättyneet työttömyysjaksot",
    "mean length of the spells ended, days": "päättyneiden jaksojen keskipituus, päivää",
    "ongoing unemployment spells": "käynnissä olevat työttömyysjaksot",
    "mean length of the ongoing spells, days": "käynnissä olevien jaksojen keskipituus, päivää",
    "unemployed": "työttömät",
    "long-term unemployed": "pitkäaikaistyöttömät",
    "share of the long-term unemployed": "pitkäaikaistyöttömien osuus",
    "structurally unemployed": "rakennetyöttömät",
    "share of the structurally unemployed": "rakennetyöttömien osuus",
    "job offers made": "tehdyt työtarjoukset",
    "job offers answered": "vastatut työtarjoukset",
    "share hired": "palkattujen osuus",
    "work-ability self-assessments": "työkyvyn itsearvioinnit",
    "mean work ability (0-10)": "työkyky keskimäärin (0-10)",
    "mean change in work ability": "työkyvyn muutos keskimäärin",
    "customer-satisfaction answers": "asiakastyytyväisyysvastaukset",
    "mean customer satisfaction (1-5)": "asiakastyytyväisyys keskimäärin (1-5)",
    "share satisfied (4 or 5)": "tyytyväisten osuus (4 tai 5)",
    "staff-wellbeing answers": "henkilöstön hyvinvointivastaukset",
    "mean staff wellbeing (1-5)": "henkilöstön hyvinvointi keskimäärin (1-5)",
    "share of staff doing well (4 or 5)": "hyvinvoivien osuus henkilöstöstä (4 tai 5)",
    "rehabilitation": "kuntoutus",
    "self-motivated study": "omaehtoinen opiskelu",
    "service starts: %(service)s": "palvelujen aloitukset: %(service)s",
    "job offers answered: %(outcome)s": "vastatut työtarjoukset: %(outcome)s",
    "subsidy days with a municipal share of %(percent)s %%": "tukipäivät, joissa kunnan osuus on %(percent)s %%",
}

SV = {
    "Monitoring": "Uppföljning",
    "Development of the employment level": "Sysselsättningsnivåns utveckling",
    "Savings in labour market subsidy for municipalities and the state": "Besparingar i arbetsmarknadsstödet hos kommunerna och staten",
    "Activation rate and service starts": "Aktiveringsgrad och inledande av service",
    "Transitions from unemployment to work or education": "Övergångar från arbetslöshet till arbete eller utbildning",
    "Average length of unemployment spells": "Arbetslöshetsperiodernas genomsnittliga längd",
    "Long-term and structurally unemployed": "Långtidsarbetslösa och strukturellt arbetslösa",
    "Job offers and their results": "Arbetserbjudanden och resultaten av dem",
    "Development of work and functional ability": "Arbets- och funktionsförmågans utveckling",
    "Customer satisfaction": "Kundnöjdhet",
    "Staff wellbeing at work": "Personalens välbefinnande i arbetet",
    "preliminary": "preliminär",
    "approved": "godkänd",
    "correction awaiting approval": "korrigering som väntar på godkännande",
    "superseded by a correction": "ersatt av en korrigering",
    "correction withdrawn": "korrigeringen återkallad",
    "error": "fel",
    "warning": "varning",
    "All experiment areas": "Alla försöksområden",
    "Comparison group (rest of Finland)": "Jämförelsegrupp (övriga Finland)",
    "Rest of Finland": "Övriga Finland",
    "Whole country": "Hela landet",
    "all experiment areas": "alla försöksområden",
    "comparison group": "jämförelsegrupp",
    "Monthly figures from %(first)s to %(last)s.": "Månadstal %(first)s–%(last)s.",
    "%(series)s: no figures to show.": "%(series)s: inga tal att visa.",
    "%(series)s: first %(first)s, last %(last)s, lowest %(low)s, highest %(high)s.": (
        "%(series)s: första %(first)s, sista %(last)s, lägsta %(low)s, högsta %(high)s."
    ),
    "A missing or suppressed month is a gap in the line.": "En månad som saknas eller är skyddad syns som ett avbrott i linjen.",
    "Not shown: the figure is based on 1–%(limit)s persons.": "Visas inte: talet grundar sig på 1–%(limit)s personer.",
    "rank %(rank)s of %(ranked)s areas, highest first": "plats %(rank)s av %(ranked)s områden, högsta först",
    'The figures are aggregates of the areas: none of them shows a person. A figure based on 1 to %(limit)s persons is not shown: <abbr class="suppressed" title="%(note)s">..</abbr> stands in its place, in the exports too.': (
        "Talen är sammanställningar för områdena: inget av dem visar en enskild person. Ett tal som "
        'grundar sig på 1–%(limit)s personer visas inte: i dess ställe står <abbr class="suppressed" '
        'title="%(note)s">..</abbr>, också i nedladdade filer.'
    ),
    "This version is no longer waiting for approval.": "Den här versionen väntar inte längre på godkännande.",
    "The figures of %(month)s changed after the page was opened (a new load). Look at them again before approving.": (
        "Talen för %(month)s ändrades efter att sidan öppnades (en ny laddning). Granska dem igen "
        "innan du godkänner."
    ),
    (
        "%(month)s cannot be approved: %(count)s data-quality error must be resolved first (%(first)s). Correct the data, run the monitoring again and load its figures.",
        "%(month)s cannot be approved: %(count)s data-quality errors must be resolved first (the first: %(first)s). Correct the data, run the monitoring again and load its figures.",
    ): (
        "%(month)s kan inte godkännas: %(count)s fel i datakvaliteten måste åtgärdas först "
        "(%(first)s). Rätta uppgifterna, kör uppföljningen på nytt och ladda dess tal.",
        "%(month)s kan inte godkännas: %(count)s fel i datakvaliteten måste åtgärdas först "
        "(det första: %(first)s). Rätta uppgifterna, kör uppföljningen på nytt och ladda dess tal.",
    ),
    "The form is out of date: open the page again.": "Formuläret är föråldrat: öppna sidan på nytt.",
    "%(month)s was approved.": "%(month)s godkändes.",
    "Month": "Månad",
    "Language of the report": "Rapportens språk",
    "Status": "Status",
    "Version": "Version",
    "Indicator": "Indikator",
    "Indicator name": "Indikatorns namn",
    "Measure": "Mått",
    "Grouping": "Gruppering",
    "Group": "Grupp",
    "Group name": "Gruppens namn",
    "Value": "Värde",
    "Numerator": "Täljare",
    "Denominator": "Nämnare",
    "Persons": "Personer",
    "Suppressed (small cell)": "Skyddad (liten cell)",
    "Severity": "Allvarlighetsgrad",
    "Check": "Kontroll",
    "Finding": "Iakttagelse",
    "Initial interviews due": "Inledande intervjuer som förfallit",
    "Held on time": "Hållna i tid",
    "Held late": "Hållna för sent",
    "Not held": "Inte hållna",
    "Share on time": "Andel i tid",
    "Service": "Tjänst",
    "Period starts": "Perioden börjar",
    "Period ends": "Perioden slutar",
    "Cap (euros)": "Tak (euro)",
    "Used (euros)": "Använt (euro)",
    "Share used": "Andel använd",
    "Cap (places)": "Tak (platser)",
    "Places used": "Platser använda",
    "Field": "Fält",
    "Definition": "Definition",
    "Indicator figures": "Indikatortal",
    "Data-quality findings": "Iakttagelser om datakvaliteten",
    "Deadline keeping": "Hållna tidsfrister",
    "Quota use": "Användning av kvoterna",
    "Overview of the areas": "Översikt över områdena",
    "Indicator definitions": "Indikatorernas definitioner",
    "Monitoring of %(area)s": "Uppföljning: %(area)s",
    "All areas": "Alla områden",
    "Months and their approval": "Månaderna och deras godkännande",
    "The latest month with figures: %(month)s.": "Den senaste månaden med tal: %(month)s.",
    "Approved on %(day)s.": "Godkänd %(day)s.",
    "Preliminary: not approved yet.": "Preliminär: ännu inte godkänd.",
    "No monitoring figures have been loaded yet.": "Inga uppföljningstal har laddats ännu.",
    "Indicators": "Indikatorer",
    "Data-quality findings about the figures as a whole": "Iakttagelser om datakvaliteten som gäller talen som helhet",
    "Download the tables": "Ladda ned tabellerna",
    "Download the table": "Ladda ned tabellen",
    "Monthly report": "Månadsrapport",
    "Open the printable report": "Öppna rapporten för utskrift",
    "A report can be made once figures have been loaded.": "En rapport kan göras när tal har laddats.",
    "No figure for the latest month.": "Inget tal för den senaste månaden.",
    "A count: the comparison groups are not drawn beside it, as they differ in size from the area.": (
        "Ett antal: jämförelsegrupperna ritas inte bredvid, eftersom de är av annan storlek än "
        "området."
    ),
    "Figures of the chart: %(measure)s": "Diagrammets tal: %(measure)s",
    "No figures for this indicator yet.": "Inga tal för den här indikatorn ännu.",
    "A correction of %(month)s awaits approval": "En korrigering av %(month)s väntar på godkännande",
    "The approved figures (version %(locked)s) are shown. A recomputation of the month (version %(number)s) differs from them: across the country %(changed)s figures changed, %(added)s were added and %(removed)s removed. The approved figures stay until the ministry approves the correction.": (
        "De godkända talen (version %(locked)s) visas. En ny beräkning av månaden (version "
        "%(number)s) avviker från dem: i hela landet ändrades %(changed)s tal, %(added)s lades till "
        "och %(removed)s togs bort. De godkända talen står kvar tills ministeriet godkänner "
        "korrigeringen."
    ),
    "Its data-quality findings differ too.": "Också dess iakttagelser om datakvaliteten avviker.",
    "What the correction changes for %(area)s and its comparison groups": "Vad korrigeringen ändrar för %(area)s och dess jämförelsegrupper",
    "Approved": "Godkänt",
    "Corrected": "Korrigerat",
    "removed": "borttaget",
    "None of the figures of %(area)s or its comparison groups changes.": "Inga tal för %(area)s eller dess jämförelsegrupper ändras.",
    "Deadline keeping: initial interviews held on time": "Hållna tidsfrister: inledande intervjuer i tid",
    "Computed from the case system now, not part of the approved figures. By the month the interview was due: the deadline counts from the later of registration and referral to the area (14 calendar days until 1.5.2022, 5 working days from 2.5.2022); one passed without an interview counts as not kept. Clients who have left the area are not counted.": (
        "Beräknat ur kundsystemet nu, inte en del av de godkända talen. Enligt den månad då "
        "intervjun förföll: tidsfristen räknas från registreringen eller hänvisningen till området, "
        "vilken som är senare (14 kalenderdagar till 1.5.2022, 5 arbetsdagar från 2.5.2022); en "
        "tidsfrist som gått ut utan intervju räknas som inte hållen. Kunder som har lämnat området "
        "räknas inte."
    ),
    "Initial interviews of %(area)s by the month they were due": "Inledande intervjuer i %(area)s enligt den månad de förföll",
    "No initial interview of the area's clients has been due yet.": "Ingen inledande intervju med områdets kunder har förfallit ännu.",
    "Quotas of %(area)s and their use": "Kvoterna för %(area)s och deras användning",
    "Period": "Period",
    "Cap": "Tak",
    "Used": "Använt",
    "Places: cap": "Platser: tak",
    "No quotas have been set for the area yet.": "Inga kvoter har ännu fastställts för området.",
    "Monitoring of the experiment areas": "Uppföljning av försöksområdena",
    "The latest month of each indicator, for each area you may see and for the comparison groups. The name of an area leads to its figures over time.": (
        "Den senaste månaden för varje indikator, för varje område du får se och för "
        "jämförelsegrupperna. Områdets namn leder till dess tal över tiden."
    ),
    "The latest month of each indicator": "Den senaste månaden för varje indikator",
    "Area": "Område",
    "How each of the ten monitoring indicators is computed, as the latest loaded monitoring release states it. The definitions are written in the monitoring code, in English.": (
        "Hur var och en av de tio uppföljningsindikatorerna beräknas, enligt den senast laddade "
        "uppföljningsversionen. Definitionerna är skrivna i uppföljningens kod, på engelska."
    ),
    "Unit": "Enhet",
    "The loaded figures carry no definition of this indicator.": "De laddade talen innehåller ingen definition av den här indikatorn.",
    "Each month's figures are preliminary until the ministry approves them for the whole country; then they are locked. A locked month never changes silently: when a new computation differs, it waits here as a correction, and the approved figures are shown until the correction is approved. A correction can also be rejected, with the reason: the approved figures then stay, and the same figures computed again are not offered again. A month with a data-quality error cannot be approved.": (
        "Varje månads tal är preliminära tills ministeriet godkänner dem för hela landet; då låses "
        "de. En låst månad ändras aldrig i det tysta: när en ny beräkning avviker väntar den här "
        "som en korrigering, och de godkända talen visas tills korrigeringen godkänns. En "
        "korrigering kan också avslås med en motivering: då står de godkända talen kvar, och "
        "samma tal beräknade på nytt erbjuds inte igen. En månad med ett fel i datakvaliteten kan "
        "inte godkännas."
    ),
    "correction rejected": "korrigeringen avslagen",
    "Why is the correction rejected?": "Varför avslås korrigeringen?",
    "Say why the correction is rejected.": "Säg varför korrigeringen avslås.",
    "Reject the correction of %(month)s": "Avslå korrigeringen för %(month)s",
    "The correction was not rejected": "Korrigeringen avslogs inte",
    "The correction of %(month)s was rejected; the approved figures stay in force.": (
        "Korrigeringen för %(month)s avslogs; de godkända talen står kvar."
    ),
    "Correction %(number)s was rejected on %(day)s by %(who)s: %(reason)s": (
        "Korrigering %(number)s avslogs %(day)s av %(who)s: %(reason)s"
    ),
    "This correction is no longer waiting for approval.": (
        "Den här korrigeringen väntar inte längre på godkännande."
    ),
    "The correction of %(month)s changed after the page was opened (a new load). Look at it again before rejecting it.": (
        "Korrigeringen för %(month)s ändrades efter att sidan öppnades (en ny laddning). Titta på "
        "den igen innan du avslår den."
    ),
    "Say in at most %(length)s characters why the correction is rejected.": (
        "Säg med högst %(length)s tecken varför korrigeringen avslås."
    ),
    "The month was not approved": "Månaden godkändes inte",
    "The figures of each month": "Talen för varje månad",
    "Figures shown": "Tal som visas",
    "Correction awaiting approval": "Korrigering som väntar på godkännande",
    "Version %(number)s: %(changed)s figures changed, %(added)s added, %(removed)s removed.": (
        "Version %(number)s: %(changed)s tal ändrades, %(added)s lades till, %(removed)s togs bort."
    ),
    "version %(number)s, %(figures)s figures": "version %(number)s, %(figures)s tal",
    "approved on %(day)s by %(who)s": "godkänd %(day)s av %(who)s",
    ("%(counter)s data-quality warning", "%(counter)s data-quality warnings"): (
        "%(counter)s varning om datakvaliteten",
        "%(counter)s varningar om datakvaliteten",
    ),
    (
        "%(counter)s data-quality error stops the approval:",
        "%(counter)s data-quality errors stop the approval:",
    ): (
        "%(counter)s fel i datakvaliteten hindrar godkännandet:",
        "%(counter)s fel i datakvaliteten hindrar godkännandet:",
    ),
    "Approve the figures of %(month)s": "Godkänn talen för %(month)s",
    "Monthly monitoring report: %(area)s, %(month)s": "Månatlig uppföljningsrapport: %(area)s, %(month)s",
    "Municipal employment experiments: monthly monitoring": "Kommunala sysselsättningsförsök: månatlig uppföljning",
    "Monitoring report: %(area)s": "Uppföljningsrapport: %(area)s",
    "Printed on %(day)s.": "Utskriven %(day)s.",
    "Print it, or save it as PDF, with the browser's print command (Ctrl+P).": (
        "Skriv ut rapporten eller spara den som PDF med webbläsarens utskriftskommando (Ctrl+P)."
    ),
    "The figures of %(month)s": "Talen för %(month)s",
    "The area, the experiment areas together and the comparison group; the rank among the areas is by value, highest first.": (
        "Området, försöksområdena tillsammans och jämförelsegruppen; platsen bland områdena enligt "
        "värde, högsta först."
    ),
    "Rank": "Plats",
    "employed": "sysselsatta",
    "employment rate": "sysselsättningsgrad",
    "moved into employment": "fick arbete",
    "labour market subsidy days paid": "betalda dagar med arbetsmarknadsstöd",
    "labour market subsidy paid": "betalt arbetsmarknadsstöd",
    "municipalities' share": "kommunernas andel",
    "state's share": "statens andel",
    "saving for the municipalities against a year earlier": "kommunernas besparing jämfört med ett år tidigare",
    "saving for the state against a year earlier": "statens besparing jämfört med ett år tidigare",
    "change in subsidy paid against a year earlier": "förändring i betalt stöd jämfört med ett år tidigare",
    "change against a year earlier, compared with the comparison group": "förändring jämfört med ett år tidigare, i förhållande till jämförelsegruppen",
    "in services": "i tjänster",
    "activation rate": "aktiveringsgrad",
    "service starts": "påbörjade tjänster",
    "unemployed at the previous month's end": "arbetslösa i slutet av föregående månad",
    "moved from unemployment to work": "övergick från arbetslöshet till arbete",
    "moved from unemployment to education": "övergick från arbetslöshet till utbildning",
    "transition rate to work or education": "övergångsgrad till arbete eller utbildning",
    "transition rate to work": "övergångsgrad till arbete",
    "unemployment spells ended": "avslutade arbetslöshetsperioder",
    "mean length of the spells ended, days": "de avslutade periodernas medellängd, dagar",
    "ongoing unemployment spells": "pågående arbetslöshetsperioder",
    "mean length of the ongoing spells, days": "de pågående periodernas medellängd, dagar",
    "unemployed": "arbetslösa",
    "long-term unemployed": "långtidsarbetslösa",
    "share of the long-term unemployed": "andelen långtidsarbetslösa",
    "structurally unemployed": "strukturellt arbetslösa",
    "share of the structurally unemployed": "andelen strukturellt arbetslösa",
    "job offers made": "gjorda arbetserbjudanden",
    "job offers answered": "besvarade arbetserbjudanden",
    "share hired": "andelen anställda",
    "work-ability self-assessments": "självskattningar av arbetsförmågan",
    "mean work ability (0-10)": "arbetsförmåga i genomsnitt (0-10)",
    "mean change in work ability": "förändring i arbetsförmågan i genomsnitt",
    "customer-satisfaction answers": "svar om kundnöjdhet",
    "mean customer satisfaction (1-5)": "kundnöjdhet i genomsnitt (1-5)",
    "share satisfied (4 or 5)": "andelen nöjda (4 eller 5)",
    "staff-wellbeing answers": "svar om personalens välbefinnande",
    "mean staff wellbeing (1-5)": "personalens välbefinnande i genomsnitt (1-5)",
    "share of staff doing well (4 or 5)": "andelen personal som mår bra (4 eller 5)",
    "rehabilitation": "rehabilitering",
    "self-motivated study": "frivilliga studier",
    "service starts: %(service)s": "påbörjade tjänster: %(service)s",
    "job offers answered: %(outcome)s": "besvarade arbetserbjudanden: %(outcome)s",
    "subsidy days with a municipal share of %(percent)s %%": "stöddagar med kommunens andel %(percent)s %%",
}
