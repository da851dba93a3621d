"""The benchmark runs end to end in its own database, and no page's queries grow with data.

It runs `manage.py bench` in a subprocess: the bench makes (and drops) a database of its
own, which must not disturb the test database this process holds.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"page", "median_ms", "p95_ms", "queries", "floor_ratio"}


def run_bench(tmp_path: Path, scale: float) -> list[dict]:
    out = tmp_path / f"bench-{scale}.json"
    env = {
        **os.environ,
        "ENQUIRY_VAR_DIR": str(tmp_path / "var"),
        "ENQUIRY_TESTING": "1",  # no secret key needed; fast hashers
        "DJANGO_DEBUG": "0",
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "bench", "--scale", str(scale), "--repeat", "2",
         "--json", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "skipped" not in completed.stdout, completed.stdout
    assert "answered" not in completed.stdout, completed.stdout  # every page said 200
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("bench")
    return run_bench(tmp_path, 0.01), run_bench(tmp_path, 0.02)


def test_it_writes_a_row_per_page(results):
    small, _ = results
    assert isinstance(small, list) and len(small) >= 10
    for row in small:
        assert set(row) == KEYS
        assert isinstance(row["page"], str)
        assert row["median_ms"] >= 0 and row["p95_ms"] >= row["median_ms"] - 1e-9
        assert isinstance(row["queries"], int)
    floor = small[0]
    assert floor["page"].startswith("healthz") and floor["queries"] == 0
    assert floor["floor_ratio"] == 1.0
    pages = {row["page"] for row in small}
    assert {"LA directory", "cluster page", "search", "home: my work"} <= pages


def test_no_page_issues_more_queries_with_more_data(results):
    small, large = results
    small_queries = {row["page"]: row["queries"] for row in small}
    large_queries = {row["page"]: row["queries"] for row in large}
    assert small_queries.keys() == large_queries.keys()
    grew = {
        page: (small_queries[page], large_queries[page])
        for page in small_queries
        if large_queries[page] > small_queries[page]
    }
    assert not grew, f"query counts grew with the data: {grew}"


def test_the_bench_leaves_no_database_behind(results):
    # SQLite benches live in a temp folder that is removed; PostgreSQL's are dropped.
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"] or None, port=config["PORT"] or None, user=config["USER"] or None,
        password=config["PASSWORD"] or None, dbname="postgres",
    ) as connection:  # fmt: skip
        names = {row[0] for row in connection.execute("SELECT datname FROM pg_database")}
    assert f"{config['NAME']}_bench" not in names
