"""The one console command: ``kuntakokeilu COMMAND [options]``.

Every batch job is a Django management command; hyphens and underscores are both accepted in the
command name (``kuntakokeilu assess-applications`` runs ``assess_applications``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuntakokeilu.web.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 2 and argv[1] == "help" and not argv[2].startswith("-"):
        argv[2] = argv[2].replace("-", "_")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        sys.exit(f"kuntakokeilu: the configuration is not valid: {error}")


if __name__ == "__main__":
    main()
