"""The national-scale benchmark: `data` builds it, `measure` times the pages."""

from .data import Built, Sizes, bench_database, build
from .measure import PAGES, PageSpec, Result, run, run_pages, table

__all__ = [
    "PAGES",
    "Built",
    "PageSpec",
    "Result",
    "Sizes",
    "bench_database",
    "build",
    "run",
    "run_pages",
    "table",
]
