"""The database refuses UPDATE and DELETE of audit entries (see kuntakokeilu.audit.guard).

On SQLite, a later migration that makes Django rebuild the audit_auditentry table drops these
triggers: such a migration must install them again (guard.install).
"""

from django.db import migrations

from kuntakokeilu.audit import guard


def install(apps, schema_editor):
    guard.install(schema_editor.connection)


def remove(apps, schema_editor):
    guard.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_purge_anchor_and_labels"),
    ]

    operations = [migrations.RunPython(install, remove)]
