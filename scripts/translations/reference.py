"""Translations of the reference pages and the roles (a translator's worksheet)."""

FI = {
    "Date": "Päivä",
    "For example 1.3.2021": "Esimerkiksi 1.3.2021",
    "Applications": "Hakemukset",
    "Applications assessed against the criteria": "Hakemukset arvioituina ehtoja vasten",
    "One row per application and criterion": "Rivi kutakin hakemusta ja ehtoa kohden",
    "Application": "Hakemus",
    "Criterion": "Ehto",
    "Value": "Arvo",
    "Threshold": "Raja",
    "Result": "Tulos",
    "Detail": "Tarkennus",
    "Population": "Väkiluku",
    "ELY areas": "ELY-alueet",
    "Share of job-seeker clients": "Osuus työnhakija-asiakkaista",
    "passes": "täyttyy",
    "fails": "ei täyty",
    "waived": "poikkeus myönnetty",
    "needs a waiver": "vaatii poikkeuksen",
    "Reason for the waiver:": "Poikkeuksen peruste:",
    "Areas": "Alueet",
    "Areas and their municipalities": "Alueet ja niiden kunnat",
    ("%(counter)s area on %(day)s", "%(counter)s areas on %(day)s"): (
        "%(counter)s alue %(day)s",
        "%(counter)s aluetta %(day)s",
    ),
    "Area": "Alue",
    "Municipalities": "Kunnat",
    "ELY centre": "ELY-keskus",
    "No area had members on %(day)s. The experiments ran from 1.3.2021 to 31.12.2024.": (
        "Millään alueella ei ollut jäseniä %(day)s. Kokeilut kestivät 1.3.2021–31.12.2024."
    ),
    "Municipal employment services": "Kuntien työllisyyspalvelut",
    "Skip to content": "Siirry sisältöön",
    "Main": "Päävalikko",
    "Language": "Kieli",
    "Change": "Vaihda",
    "Show": "Näytä",
    "Home": "Etusivu",
    "Experiment areas and their municipalities on a date": "Kokeilualueet ja niiden kunnat tiettynä päivänä",
    "The 2020 applications assessed against the criteria": "Vuoden 2020 hakemukset arvioituina ehtoja vasten",
    "Reference data: Statistics Finland and THL (Sotkanet), CC BY 4.0.": (
        "Viitetiedot: Tilastokeskus ja THL (Sotkanet), CC BY 4.0."
    ),
    "The municipal employment experiments ran from 1 March 2021 to 31 December 2024 in 25 areas of "
    "118 municipalities; from 1 January 2025 the employment areas of the municipalities serve "
    "everyone.": (
        "Työllisyyden kuntakokeilut toimivat 1.3.2021–31.12.2024 25 alueella ja 118 kunnassa; "
        "1.1.2025 alkaen kuntien työllisyysalueet palvelevat kaikkia."
    ),
    "Population at least 30 000; all municipalities in one ELY area; at most about 40 %% of the TE "
    "office's job-seeker clients of the ELY area move to experiments (all applying and approved "
    "areas together). The first and the last may be waived for very weighty reasons.": (
        "Väkiluku vähintään 30 000; kaikki kunnat samalla ELY-alueella; kokeiluihin siirtyy enintään "
        "noin 40 %% ELY-alueen TE-toimiston työnhakija-asiakkaista (kaikki hakevat ja hyväksytyt "
        "alueet yhteensä). Ensimmäisestä ja viimeisestä voidaan poiketa erittäin painavista syistä."
    ),
    "case worker": "työntekijä",
    "area manager": "aluepäällikkö",
    "TE office officer": "TE-toimiston virkailija",
    "ministry analyst": "ministeriön analyytikko",
    "administrator": "ylläpitäjä",
    "data protection officer": "tietosuojavastaava",
}

SV = {
    "Date": "Datum",
    "For example 1.3.2021": "Till exempel 1.3.2021",
    "Applications": "Ansökningar",
    "Applications assessed against the criteria": "Ansökningarna bedömda mot kriterierna",
    "One row per application and criterion": "En rad per ansökan och kriterium",
    "Application": "Ansökan",
    "Criterion": "Kriterium",
    "Value": "Värde",
    "Threshold": "Gräns",
    "Result": "Resultat",
    "Detail": "Precisering",
    "Population": "Invånarantal",
    "ELY areas": "NTM-områden",
    "Share of job-seeker clients": "Andel av de arbetssökande kunderna",
    "passes": "uppfylls",
    "fails": "uppfylls inte",
    "waived": "undantag beviljat",
    "needs a waiver": "kräver undantag",
    "Reason for the waiver:": "Grund för undantaget:",
    "Areas": "Områden",
    "Areas and their municipalities": "Områdena och deras kommuner",
    ("%(counter)s area on %(day)s", "%(counter)s areas on %(day)s"): (
        "%(counter)s område %(day)s",
        "%(counter)s områden %(day)s",
    ),
    "Area": "Område",
    "Municipalities": "Kommuner",
    "ELY centre": "NTM-central",
    "No area had members on %(day)s. The experiments ran from 1.3.2021 to 31.12.2024.": (
        "Inget område hade medlemmar %(day)s. Försöken pågick 1.3.2021–31.12.2024."
    ),
    "Municipal employment services": "Kommunernas sysselsättningstjänster",
    "Skip to content": "Hoppa till innehållet",
    "Main": "Huvudmeny",
    "Language": "Språk",
    "Change": "Byt",
    "Show": "Visa",
    "Home": "Startsida",
    "Experiment areas and their municipalities on a date": "Försöksområdena och deras kommuner ett visst datum",
    "The 2020 applications assessed against the criteria": "Ansökningarna 2020 bedömda mot kriterierna",
    "Reference data: Statistics Finland and THL (Sotkanet), CC BY 4.0.": (
        "Referensdata: Statistikcentralen och THL (Sotkanet), CC BY 4.0."
    ),
    "The municipal employment experiments ran from 1 March 2021 to 31 December 2024 in 25 areas of "
    "118 municipalities; from 1 January 2025 the employment areas of the municipalities serve "
    "everyone.": (
        "De kommunala sysselsättningsförsöken pågick 1.3.2021–31.12.2024 i 25 områden med 118 "
        "kommuner; från 1.1.2025 betjänar kommunernas sysselsättningsområden alla."
    ),
    "Population at least 30 000; all municipalities in one ELY area; at most about 40 %% of the TE "
    "office's job-seeker clients of the ELY area move to experiments (all applying and approved "
    "areas together). The first and the last may be waived for very weighty reasons.": (
        "Minst 30 000 invånare; alla kommuner inom samma NTM-område; högst cirka 40 procent av "
        "arbets- och näringsbyråns arbetssökande kunder inom NTM-området övergår till försöken (alla "
        "sökande och godkända områden tillsammans). Från det första och det sista kan undantag göras "
        "av synnerligen vägande skäl."
    ),
    "case worker": "handläggare",
    "area manager": "områdeschef",
    "TE office officer": "tjänsteman vid arbets- och näringsbyrån",
    "ministry analyst": "analytiker vid ministeriet",
    "administrator": "administratör",
    "data protection officer": "dataskyddsombud",
}
