"""Every operation the API offers, as the OpenAPI schema names it (and the README lists it)."""

READS = {
    ("GET", "/api/clients/"),
    ("GET", "/api/clients/{id}/"),
    ("GET", "/api/clients/{client_pk}/referral-events/"),
    ("GET", "/api/clients/{client_pk}/events/"),
    ("GET", "/api/clients/{client_pk}/interviews/"),
    ("GET", "/api/clients/{client_pk}/service-needs-assessments/"),
    ("GET", "/api/clients/{client_pk}/plans/"),
    ("GET", "/api/clients/{client_pk}/service-decisions/"),
    ("GET", "/api/clients/{client_pk}/job-offers/"),
    ("GET", "/api/plans/{id}/"),
    ("GET", "/api/service-decisions/{id}/"),
    ("GET", "/api/job-offers/{id}/"),
    ("GET", "/api/te-reports/"),
    ("GET", "/api/te-reports/{id}/"),
    ("GET", "/api/te-office-exceptions/"),
}

WRITES = {
    ("POST", "/api/clients/{id}/case-worker/"),
    ("POST", "/api/clients/{client_pk}/interviews/"),
    ("POST", "/api/clients/{client_pk}/service-needs-assessments/"),
    ("POST", "/api/clients/{client_pk}/plans/"),
    ("POST", "/api/plans/{id}/versions/"),
    ("POST", "/api/clients/{client_pk}/service-decisions/"),
    ("POST", "/api/clients/{client_pk}/job-offers/"),
    ("POST", "/api/job-offers/{id}/answer/"),
    ("POST", "/api/te-reports/{id}/status/"),
}

OPERATIONS = READS | WRITES
