"""The README's pointers lead somewhere in a fresh clone."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_file_the_readme_links_to_is_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)#:]+)\)", readme)
    assert "docs/DESIGN.md" in targets
    missing = [target for target in targets if not (ROOT / target).exists()]
    assert not missing, f"README links to files a clone does not have: {missing}"
    assert "../shared" not in readme


def test_make_run_takes_a_port_and_emails_follow_it():
    dev = (ROOT / "bin" / "dev").read_text()
    assert 'PORT="${PORT:-8000}"' in dev
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"' in dev
    assert 'runserver "127.0.0.1:$PORT"' in dev
    assert "PORT=$(PORT) bin/dev" in (ROOT / "Makefile").read_text()
