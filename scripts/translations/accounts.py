"""Translations of signing in and out, the throttle, the session limit and the header
(a translator's worksheet)."""

FI = {
    "Username": "Käyttäjätunnus",
    "Password": "Salasana",
    "Sign in": "Kirjaudu sisään",
    "Sign out": "Kirjaudu ulos",
    "The username or the password is not correct.": "Käyttäjätunnus tai salasana ei ole oikein.",
    "This account is not in use.": "Tämä käyttäjätunnus ei ole käytössä.",
    "Too many failed sign-in attempts. Signing in is locked until %(time)s; try again then.": "Liian monta epäonnistunutta kirjautumisyritystä. Kirjautuminen on estetty kello %(time)s asti; yritä silloin uudelleen.",
    "You have signed out.": "Olet kirjautunut ulos.",
    "Your session has ended. Please sign in again.": "Istuntosi on päättynyt. Kirjaudu uudelleen sisään.",
    "Work list": "Työlista",
    "Administration": "Ylläpito",
    "Data protection": "Tietosuoja",
    "TE office, ELY area %(code)s": "TE-toimisto, ELY-alue %(code)s",
    "Training installation: the system treats %(day)s as today.": "Koulutusympäristö: järjestelmä pitää päivää %(day)s tämän päivän päivämääränä.",
}

SV = {
    "Username": "Användarnamn",
    "Password": "Lösenord",
    "Sign in": "Logga in",
    "Sign out": "Logga ut",
    "The username or the password is not correct.": "Användarnamnet eller lösenordet är inte korrekt.",
    "This account is not in use.": "Det här användarkontot är inte i bruk.",
    "Too many failed sign-in attempts. Signing in is locked until %(time)s; try again then.": "För många misslyckade inloggningsförsök. Inloggningen är spärrad till klockan %(time)s; försök igen då.",
    "You have signed out.": "Du har loggat ut.",
    "Your session has ended. Please sign in again.": "Din session har gått ut. Logga in igen.",
    "Work list": "Arbetslista",
    "Administration": "Administration",
    "Data protection": "Dataskydd",
    "TE office, ELY area %(code)s": "arbets- och näringsbyrån, NTM-område %(code)s",
    "Training installation: the system treats %(day)s as today.": "Utbildningsmiljö: systemet behandlar %(day)s som dagens datum.",
}
