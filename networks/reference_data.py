"""Where the reference CSVs (LA list, establishments, register sample) are read from."""

import os
from pathlib import Path

from django.conf import settings

FILES = (
    "local-authorities-england.csv",
    "establishments-2022.csv",
    "gias-edubasealldata-sample.csv",
)


def reference_data_dir() -> Path:
    """The first folder holding every reference file: $ENQUIRY_SHARED_DATA, the shared
    folder beside the repo (all 49,514 establishments), or the subset in the repo."""
    candidates: list[str | Path] = [
        os.environ.get("ENQUIRY_SHARED_DATA", ""),
        Path(settings.BASE_DIR).parent / "shared" / "data",
        Path(settings.BASE_DIR) / "networks" / "reference_data",
    ]
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).exists() for name in FILES):
            return Path(candidate)
    raise FileNotFoundError(
        "Reference data not found: set ENQUIRY_SHARED_DATA to a folder holding " + ", ".join(FILES)
    )
