"""Translations of the REST API's own messages (a translator's worksheet). The API otherwise
answers with the actions' messages (casework, services, quotas) and DRF's own catalogue."""

FI = {
    "Give a date from 1.1.1900 to 31.12.2099.": "Anna päivä väliltä 1.1.1900–31.12.2099.",
    "Only the TE office updates the status of a report.": "Vain TE-toimisto päivittää ilmoituksen tilan.",
    "The period is too long to record: at most %(years)s years.": "Jakso on liian pitkä kirjattavaksi: enintään %(years)s vuotta.",
}

SV = {
    "Give a date from 1.1.1900 to 31.12.2099.": "Ange ett datum mellan 1.1.1900 och 31.12.2099.",
    "Only the TE office updates the status of a report.": "Endast TE-byrån uppdaterar anmälans status.",
    "The period is too long to record: at most %(years)s years.": "Perioden är för lång för att registreras: högst %(years)s år.",
}
