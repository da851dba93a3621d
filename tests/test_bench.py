"""The benchmark runs end to end in its own database, as the README says (no
DJANGO_DEBUG, no secret key, production settings), and no page's query count changes
with the data's size.

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
KEYS = {"page", "median_ms", "p95_ms", "queries", "floor_ratio", "cpu_ms", "cpu_ratio"}


def run_bench(tmp_path: Path, scale: float) -> list[dict]:
    out = tmp_path / f"bench-{scale}.json"
    # As documented: production settings, no DJANGO_DEBUG and no secret key (the bench
    # signs its own throwaway sessions with a key made for the run).
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG", "ENQUIRY_TESTING")
    }
    env.update(ENQUIRY_VAR_DIR=str(tmp_path / "var"), ENQUIRY_TESTING="0")
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
    # The floor is the signed-in base layout: session, user, the nav's scope and
    # facilitations, the unread count. healthz (nothing) is kept as a row.
    floor, healthz = small[0], small[1]
    assert floor["page"] == "signed-in floor"
    assert floor["queries"] == 5
    assert floor["floor_ratio"] == 1.0 and floor["cpu_ratio"] == 1.0
    assert healthz["page"] == "healthz" and healthz["queries"] == 0
    pages = {row["page"] for row in small}
    assert {"LA directory", "cluster page", "search", "home: my work", "project map"} <= pages
    # Every page does at least what the floor does.
    assert all(row["queries"] >= floor["queries"] for row in small[2:])


def test_no_page_issues_a_different_number_of_queries_with_more_data(results):
    small, large = results
    small_queries = {row["page"]: row["queries"] for row in small}
    large_queries = {row["page"]: row["queries"] for row in large}
    assert small_queries.keys() == large_queries.keys()
    changed = {
        page: (small_queries[page], large_queries[page])
        for page in small_queries
        if large_queries[page] != small_queries[page]
    }
    assert not changed, f"query counts changed with the data: {changed}"


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
