"""The schools register extract (GIAS ``edubasealldata*.csv``): read, check, import.

Two steps, so a file is checked whole before anything is written:

1. ``parse``: ``read_register`` / ``parse_register`` / ``parse_register_rows`` turn
   the extract into ``RegisterRow`` objects plus ``RowError``s carrying the file's
   line numbers. Pure: no database.
2. ``importer``: ``import_register`` upserts LAs and schools by URN with bulk queries:
   all or nothing, unless bad rows may be skipped.

A synthetic extract for tests, benchmarks and demos is ``devtools.extract``.
"""

from .importer import BadRowsError, ImportSummary, import_register
from .parse import (
    LA_CODE,
    LA_NAME,
    MAX_FIELD_SIZE,
    NAME,
    OPTIONAL_COLUMNS,
    REGION,
    REQUIRED_COLUMNS,
    STATUS,
    URN,
    GiasFormatError,
    ParsedRegister,
    Progress,
    RegisterRow,
    RowError,
    parse_date,
    parse_register,
    parse_register_rows,
    read_register,
    sniff_encoding,
)

__all__ = [
    "LA_CODE",
    "LA_NAME",
    "MAX_FIELD_SIZE",
    "NAME",
    "OPTIONAL_COLUMNS",
    "REGION",
    "REQUIRED_COLUMNS",
    "STATUS",
    "URN",
    "BadRowsError",
    "GiasFormatError",
    "ImportSummary",
    "ParsedRegister",
    "Progress",
    "RegisterRow",
    "RowError",
    "import_register",
    "parse_date",
    "parse_register",
    "parse_register_rows",
    "read_register",
    "sniff_encoding",
]
