"""The API's settings, imported by ``kuntakokeilu.web.settings``::

    from kuntakokeilu.api.settings_fragment import API_APPS, REST_FRAMEWORK, SPECTACULAR_SETTINGS
    INSTALLED_APPS += API_APPS

Session authentication only (with Django's CSRF check on writes); no Basic or token auth.
Every endpoint needs a signed-in user; the access helpers narrow what each one sees.
"""

API_APPS = ["rest_framework", "drf_spectacular"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kuntakokeilu.api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "kuntakokeilu.api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "kuntakokeilu API",
    "DESCRIPTION": (
        "The case-work API of the municipal employment services. Every answer is scoped like "
        "the web pages: a client outside the user's scope answers 404."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/",
    "ENUM_NAME_OVERRIDES": {
        "InterviewKindEnum": "kuntakokeilu.api.enums.INTERVIEW_KIND",
        "PlanKindEnum": "kuntakokeilu.api.enums.PLAN_KIND",
        "ServiceKindEnum": "kuntakokeilu.api.enums.SERVICE_KIND",
        "DecisionStatusEnum": "kuntakokeilu.api.enums.DECISION_STATUS",
        "ReportStatusEnum": "kuntakokeilu.api.enums.REPORT_STATUS",
    },
}
