# Two commands on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install migrate demo worker beat clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# App with demo data, a Celery worker and beat. SQLite and a serverless broker unless
# DATABASE_URL / REDIS_URL are set. `make run PORT=8001` serves on another port (and
# emails link to it).
PORT ?= 8000
run: $(STAMP)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} PORT=$(PORT) bin/dev

# The whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
# Browser tests need Chromium (/usr/bin/chromium); with CI set they fail without it.
test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(BIN)/mypy config networks enquiries notifications brokerage meetings evidence reports devtools
	$(BIN)/lint-imports
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=lint-only-$$(date +%s)-a-long-random-enough-secret-key-value \
	  DJANGO_ALLOWED_HOSTS=enquiry.example.org ENQUIRY_TESTING=0 \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	# The production static build (hashed names) must find every file the CSS refers to.
	tmp=$$(mktemp -d) && DJANGO_SECRET_KEY=lint-only ENQUIRY_TESTING=0 ENQUIRY_VAR_DIR=$$tmp \
	  $(BIN)/python manage.py collectstatic --no-input -v0 && rm -rf $$tmp

clean:
	rm -rf $(VENV) var
