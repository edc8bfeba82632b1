"""The job-seeker register extract: reading and checking it (REGISTER.md).

Pure Python over Polars, no Django: the ``refer`` command and the tests call it directly.
"""

from kuntakokeilu.register.intake import (
    Intake,
    RegisterUnreadable,
    read_register,
    write_rejected,
)

__all__ = ["Intake", "RegisterUnreadable", "read_register", "write_rejected"]
