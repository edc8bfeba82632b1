"""Translations of the audit log: actions, purposes, the data-protection view and the purposes
report (a translator's worksheet). Action and purpose names carry a context in the code
("audit action", "audit purpose") where the English word is ambiguous."""

FI = {
    # actions (context "audit action")
    "read": "katselu",
    "search": "haku",
    "create": "luonti",
    "update": "muutos",
    "delete": "poisto",
    "export": "tietojen vienti",
    "disclose": "tietojen luovutus",
    "log in": "kirjautuminen sisään",
    "log out": "kirjautuminen ulos",
    "refused": "estetty",
    # purposes
    "case work": "asiakastyö",
    "supervision": "valvonta",
    "statement to the TE office": "lausunto TE-toimistolle",
    "the person's own request": "henkilön oma pyyntö",
    "administration": "ylläpito",
    "monitoring (pseudonymised)": "seuranta (pseudonymisoitu)",
    # the data-protection view
    "Access log": "Käyttöloki",
    "Access log of client %(number)s": "Asiakkaan %(number)s käyttöloki",
    "Who has consulted or changed this client's data, newest first. Viewing this page is logged too.": "Kuka on katsonut tai muuttanut asiakkaan tietoja, uusin ensin. Myös tämän sivun katselu kirjataan lokiin.",
    "Purposes report for the person": "Selvitys henkilölle tietojen käyttötarkoituksista",
    "Everything held about the person (JSON export)": "Kaikki henkilöstä tallennettu (JSON-tiedosto)",
    ("%(counter)s log entry", "%(counter)s log entries"): (
        "%(counter)s lokimerkintä",
        "%(counter)s lokimerkintää",
    ),
    "Date and time": "Päivämäärä ja kellonaika",
    "User": "Käyttäjä",
    "Role": "Rooli",
    "Action": "Toimenpide",
    "Purpose": "Käyttötarkoitus",
    "Succeeded": "Onnistui",
    "yes": "kyllä",
    "no": "ei",
    "Pages of the log": "Lokin sivut",
    "Newer entries": "Uudemmat merkinnät",
    "Older entries": "Vanhemmat merkinnät",
    "Page %(number)s of %(total)s": "Sivu %(number)s/%(total)s",
    # the purposes report
    "Purposes report": "Selvitys käyttötarkoituksista",
    "When and why your data was consulted": "Milloin ja miksi tietojasi on käsitelty",
    "The dates and purposes of every consultation of your data in the municipal employment services (GDPR Article 15). The names of the staff are not shown.": "Jokaisen tietojesi käsittelykerran ajankohta ja käyttötarkoitus kuntien työllisyyspalveluissa (tietosuoja-asetuksen 15 artikla). Henkilöstön nimiä ei näytetä.",
    ("%(counter)s consultation", "%(counter)s consultations"): (
        "%(counter)s käsittelykerta",
        "%(counter)s käsittelykertaa",
    ),
}

SV = {
    # actions (context "audit action")
    "read": "visning",
    "search": "sökning",
    "create": "skapande",
    "update": "ändring",
    "delete": "radering",
    "export": "export av uppgifter",
    "disclose": "utlämnande",
    "log in": "inloggning",
    "log out": "utloggning",
    "refused": "nekad",
    # purposes
    "case work": "klientarbete",
    "supervision": "tillsyn",
    "statement to the TE office": "utlåtande till arbets- och näringsbyrån",
    "the person's own request": "personens egen begäran",
    "administration": "administration",
    "monitoring (pseudonymised)": "uppföljning (pseudonymiserad)",
    # the data-protection view
    "Access log": "Användningslogg",
    "Access log of client %(number)s": "Användningslogg för klient %(number)s",
    "Who has consulted or changed this client's data, newest first. Viewing this page is logged too.": "Vem som har läst eller ändrat klientens uppgifter, de senaste först. Också visningen av den här sidan loggas.",
    "Purposes report for the person": "Redogörelse för personen om användningsändamålen",
    "Everything held about the person (JSON export)": "Allt som finns lagrat om personen (JSON-fil)",
    ("%(counter)s log entry", "%(counter)s log entries"): (
        "%(counter)s loggpost",
        "%(counter)s loggposter",
    ),
    "Date and time": "Datum och klockslag",
    "User": "Användare",
    "Role": "Roll",
    "Action": "Åtgärd",
    "Purpose": "Ändamål",
    "Succeeded": "Lyckades",
    "yes": "ja",
    "no": "nej",
    "Pages of the log": "Loggens sidor",
    "Newer entries": "Nyare poster",
    "Older entries": "Äldre poster",
    "Page %(number)s of %(total)s": "Sida %(number)s av %(total)s",
    # the purposes report
    "Purposes report": "Redogörelse för användningsändamålen",
    "When and why your data was consulted": "När och varför dina uppgifter har behandlats",
    "The dates and purposes of every consultation of your data in the municipal employment services (GDPR Article 15). The names of the staff are not shown.": "Tidpunkten och ändamålet för varje gång dina uppgifter har behandlats i kommunernas sysselsättningstjänster (artikel 15 i dataskyddsförordningen). Personalens namn visas inte.",
    ("%(counter)s consultation", "%(counter)s consultations"): (
        "%(counter)s behandling",
        "%(counter)s behandlingar",
    ),
}

# finding a client by identity code (the data-protection officer's search)
FI |= {
    "Find a client by identity code": "Hae asiakas henkilötunnuksella",
    "For the data-protection officer: the access log, the purposes report and the export of one person. Every search is logged with its purpose; the log keeps only the date part of the code.": "Tietosuojavastaavalle: yhden henkilön käyttöloki, selvitys käyttötarkoituksista ja tietojen vienti. Jokainen haku kirjataan lokiin käyttötarkoituksineen; lokiin jää henkilötunnuksesta vain syntymäaikaosa.",
    "Purpose of the search": "Haun käyttötarkoitus",
    "For example 131052-308T. The search is logged; the code is not.": "Esimerkiksi 131052-308T. Haku kirjataan lokiin, henkilötunnus ei.",
    "Search": "Hae",
    "Result for %(code)s": "Tulos: %(code)s",
    "No client has this identity code.": "Millään asiakkaalla ei ole tätä henkilötunnusta.",
    "Give the identity code as 11 characters: the birth date as DDMMYY, the century sign (+, -, A-F or U-Y), three digits and the check character.": "Anna henkilötunnus 11 merkkinä: syntymäaika muodossa PPKKVV, välimerkki (+, -, A–F tai U–Y), kolme numeroa ja tarkistusmerkki.",
    "The identity code does not carry a real birth date.": "Henkilötunnuksen syntymäaika ei ole todellinen päivä.",
    "The individual number of the identity code is not in use (they start at 002).": "Henkilötunnuksen yksilönumero ei ole käytössä (numerot alkavat 002:sta).",
    "The check character does not match the rest of the identity code.": "Tarkistusmerkki ei täsmää henkilötunnuksen muuhun osaan.",
}
SV |= {
    "Find a client by identity code": "Sök en kund med personbeteckning",
    "For the data-protection officer: the access log, the purposes report and the export of one person. Every search is logged with its purpose; the log keeps only the date part of the code.": "För dataskyddsombudet: en persons användningslogg, redogörelsen för användningsändamålen och utdraget av uppgifterna. Varje sökning loggas med sitt ändamål; i loggen sparas bara personbeteckningens datumdel.",
    "Purpose of the search": "Sökningens ändamål",
    "For example 131052-308T. The search is logged; the code is not.": "Till exempel 131052-308T. Sökningen loggas, personbeteckningen inte.",
    "Search": "Sök",
    "Result for %(code)s": "Resultat för %(code)s",
    "No client has this identity code.": "Ingen kund har denna personbeteckning.",
    "Give the identity code as 11 characters: the birth date as DDMMYY, the century sign (+, -, A-F or U-Y), three digits and the check character.": "Ange personbeteckningen med 11 tecken: födelsedatumet som DDMMÅÅ, skiljetecknet (+, -, A–F eller U–Y), tre siffror och kontrolltecknet.",
    "The identity code does not carry a real birth date.": "Personbeteckningens födelsedatum är inte en verklig dag.",
    "The individual number of the identity code is not in use (they start at 002).": "Personbeteckningens individnummer används inte (numren börjar från 002).",
    "The check character does not match the rest of the identity code.": "Kontrolltecknet stämmer inte med resten av personbeteckningen.",
}
