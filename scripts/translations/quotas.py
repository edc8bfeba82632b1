"""Translations of the quotas app: the quota pages, the adjust form and the refusals."""

FI = {
    "wage subsidy": "palkkatuki",
    "start-up grant": "starttiraha",
    "training": "koulutus",
    "consumed": "käytetty",
    "released": "palautettu",
    "%(area)s has no %(service)s quota for %(day)s.": "Alueella %(area)s ei ole kiintiötä (%(service)s) päivälle %(day)s.",
    "The %(service)s quota of %(area)s for %(period)s has %(euros)s left; %(asked_euros)s was asked for.": (
        "Alueen %(area)s kiintiössä (%(service)s) kaudelle %(period)s on jäljellä %(euros)s; "
        "tarvittaisiin %(asked_euros)s."
    ),
    "The %(service)s quota of %(area)s for %(period)s has %(euros)s and %(places)s places left; %(asked_euros)s and %(asked_places)s places were asked for.": (
        "Alueen %(area)s kiintiössä (%(service)s) kaudelle %(period)s on jäljellä %(euros)s ja "
        "%(places)s paikkaa; tarvittaisiin %(asked_euros)s ja %(asked_places)s paikkaa."
    ),
    "Nothing is in use under %(reference)s.": "Viitteellä %(reference)s ei ole mitään käytössä.",
    "Give a non-negative amount in euros and cents.": "Anna euromäärä, joka ei ole negatiivinen (euroina ja sentteinä).",
    "Give a non-negative whole number of places.": "Anna paikkojen määrä kokonaislukuna, joka ei ole negatiivinen.",
    "Give the reason for the change.": "Kerro muutoksen syy.",
    "The cap cannot be below what is already used: %(used)s.": "Enimmäismäärä ei voi olla pienempi kuin jo käytetty määrä: %(used)s.",
    "The cap cannot be below the places already used: %(used)s.": "Paikkojen enimmäismäärä ei voi olla pienempi kuin jo käytetyt paikat: %(used)s.",
    "The new caps are the same as the current ones.": "Uudet enimmäismäärät ovat samat kuin nykyiset.",
    "New cap in euros": "Uusi enimmäismäärä euroina",
    "For example 125 000,00": "Esimerkiksi 125 000,00",
    "New cap of places": "Uusi paikkojen enimmäismäärä",
    "Persons who can start; leave empty for no limit on places": "Aloittavien henkilöiden määrä; jätä tyhjäksi, jos paikkoja ei rajata",
    "Reason for the change": "Muutoksen syy",
    "Recorded with the change and shown in its history": "Tallennetaan muutoksen yhteyteen ja näytetään muutoshistoriassa",
    "The quota was changed.": "Kiintiötä muutettiin.",
    "Quotas": "Kiintiöt",
    "Wage subsidy, start-up grant and training are granted within these quotas. A decision that does not fit in what is left is refused.": (
        "Palkkatuki, starttiraha ja koulutus myönnetään näiden kiintiöiden rajoissa. Päätös, joka ei "
        "mahdu jäljellä olevaan määrään, hylätään."
    ),
    "Quotas and their use": "Kiintiöt ja niiden käyttö",
    "Service": "Palvelu",
    "Period": "Jakso",
    "Cap": "Enimmäismäärä",
    "Used": "Käytetty",
    "Remaining": "Jäljellä",
    "Share used": "Käyttöaste",
    "Places: cap": "Paikat: enimmäismäärä",
    "Places used": "Paikkoja käytetty",
    "Places remaining": "Paikkoja jäljellä",
    "Adjustment": "Muutos",
    "Adjust the %(service)s quota of %(area)s": "Muuta alueen %(area)s kiintiötä (%(service)s)",
    "Adjust": "Muuta",
    "No quotas have been set for your area yet.": "Alueellesi ei ole vielä asetettu kiintiöitä.",
    "Adjust a quota": "Kiintiön muuttaminen",
    "Back to the quotas": "Takaisin kiintiöihin",
    "places": "paikat",
    "The quota was not changed": "Kiintiötä ei muutettu",
    "Save the change": "Tallenna muutos",
    "Earlier changes": "Aiemmat muutokset",
    "When": "Milloin",
    "By": "Tekijä",
    "Cap before": "Enimmäismäärä ennen",
    "Cap after": "Enimmäismäärä jälkeen",
    "Places before": "Paikat ennen",
    "Places after": "Paikat jälkeen",
    "Reason": "Syy",
}

SV = {
    "wage subsidy": "lönesubvention",
    "start-up grant": "startpeng",
    "training": "utbildning",
    "consumed": "använt",
    "released": "återfört",
    "%(area)s has no %(service)s quota for %(day)s.": "Området %(area)s har ingen kvot (%(service)s) för %(day)s.",
    "The %(service)s quota of %(area)s for %(period)s has %(euros)s left; %(asked_euros)s was asked for.": (
        "Kvoten (%(service)s) för området %(area)s för perioden %(period)s har %(euros)s kvar; "
        "det behövs %(asked_euros)s."
    ),
    "The %(service)s quota of %(area)s for %(period)s has %(euros)s and %(places)s places left; %(asked_euros)s and %(asked_places)s places were asked for.": (
        "Kvoten (%(service)s) för området %(area)s för perioden %(period)s har %(euros)s och "
        "%(places)s platser kvar; det behövs %(asked_euros)s och %(asked_places)s platser."
    ),
    "Nothing is in use under %(reference)s.": "Ingenting används under referensen %(reference)s.",
    "Give a non-negative amount in euros and cents.": "Ange ett belopp som inte är negativt, i euro och cent.",
    "Give a non-negative whole number of places.": "Ange antalet platser som ett heltal som inte är negativt.",
    "Give the reason for the change.": "Ange orsaken till ändringen.",
    "The cap cannot be below what is already used: %(used)s.": "Taket kan inte vara lägre än det som redan har använts: %(used)s.",
    "The cap cannot be below the places already used: %(used)s.": "Taket för platser kan inte vara lägre än de platser som redan har använts: %(used)s.",
    "The new caps are the same as the current ones.": "De nya taken är desamma som de nuvarande.",
    "New cap in euros": "Nytt tak i euro",
    "For example 125 000,00": "Till exempel 125 000,00",
    "New cap of places": "Nytt tak för platser",
    "Persons who can start; leave empty for no limit on places": "Personer som kan börja; lämna tomt om antalet platser inte begränsas",
    "Reason for the change": "Orsak till ändringen",
    "Recorded with the change and shown in its history": "Sparas med ändringen och visas i dess historik",
    "The quota was changed.": "Kvoten ändrades.",
    "Quotas": "Kvoter",
    "Wage subsidy, start-up grant and training are granted within these quotas. A decision that does not fit in what is left is refused.": (
        "Lönesubvention, startpeng och utbildning beviljas inom ramen för dessa kvoter. Ett beslut "
        "som inte ryms i det som återstår avslås."
    ),
    "Quotas and their use": "Kvoterna och hur de används",
    "Service": "Tjänst",
    "Period": "Period",
    "Cap": "Tak",
    "Used": "Använt",
    "Remaining": "Kvar",
    "Share used": "Andel använd",
    "Places: cap": "Platser: tak",
    "Places used": "Platser använda",
    "Places remaining": "Platser kvar",
    "Adjustment": "Ändring",
    "Adjust the %(service)s quota of %(area)s": "Ändra kvoten (%(service)s) för området %(area)s",
    "Adjust": "Ändra",
    "No quotas have been set for your area yet.": "Inga kvoter har ännu fastställts för ditt område.",
    "Adjust a quota": "Ändra en kvot",
    "Back to the quotas": "Tillbaka till kvoterna",
    "places": "platser",
    "The quota was not changed": "Kvoten ändrades inte",
    "Save the change": "Spara ändringen",
    "Earlier changes": "Tidigare ändringar",
    "When": "När",
    "By": "Av",
    "Cap before": "Tak före",
    "Cap after": "Tak efter",
    "Places before": "Platser före",
    "Places after": "Platser efter",
    "Reason": "Orsak",
}
