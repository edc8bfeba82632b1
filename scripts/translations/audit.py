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
