from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kuntakokeilu.accounts.demo import AreasMissing, Outcome, ensure_demo_users

COLUMNS = ("username", "role", "area", "password")
KEPT = "(unchanged)"


class Command(BaseCommand):
    help = (
        "Create demo users for every role in the Helsinki and Espoo areas, with random passwords, "
        "and print them. Idempotent: existing users keep their passwords unless --reset-passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file",
            type=Path,
            help="also write the new passwords to this file (tab-separated, readable by you only; "
            "rows of users whose password did not change are kept)",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="give existing demo users new passwords too",
        )

    def handle(self, *args, password_file: Path | None, reset_passwords: bool, **options):
        try:
            outcomes = ensure_demo_users(reset_passwords=reset_passwords)
        except AreasMissing as missing:
            raise CommandError(
                f"the areas {missing} are not in the database: run `kuntakokeilu load-reference` "
                "first"
            ) from None
        self.stdout.write(table([row(o) for o in outcomes]))
        if password_file is not None:
            write_passwords(password_file, [row(o) for o in outcomes if o.password])
            self.stdout.write(f"passwords written to {password_file}")


def row(outcome: Outcome) -> tuple[str, str, str, str]:
    spec = outcome.spec
    return (spec.username, spec.role.value, spec.scope, outcome.password or KEPT)


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    header = "  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
    return "\n".join([header.rstrip(), *(line.rstrip() for line in lines)])


def write_passwords(path: Path, new_rows: list[tuple[str, ...]]) -> None:
    """Merge the new passwords into the file: a rerun that kept a password keeps its row."""
    rows = read_passwords(path) | {r[0]: r for r in new_rows}
    text = "\n".join("\t".join(r) for r in [COLUMNS, *rows.values()]) + "\n"
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_text(text, encoding="utf-8")


def read_passwords(path: Path) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return {cells[0]: tuple(cells) for cells in (line.split("\t") for line in lines) if cells[0]}
