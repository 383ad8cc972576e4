# IMS Content API. `make run` and `make test` are all a newcomer needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# A local run is a development run: DEBUG on, an embedded SQLite database and
# a local-memory cache unless DATABASE_URL / REDIS_URL say otherwise.
RUN_ENV := DEBUG=$${DEBUG:-true}
# Tests run with DEBUG off, as in production, and need only a throwaway key.
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-test-only-secret-key} DEBUG=false
GUNICORN_WORKERS ?= 2

.PHONY: help install run migrate seed superuser test lint format schema schema-check clients-check fuzz lock clean bench bench-tools

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/activate: requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $(BIN)/activate

install: $(BIN)/activate ## Create .venv and install the pinned dependencies

migrate: install ## Apply database migrations
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input

seed: migrate ## Load the seed content into an empty database; one with content is left alone
	$(RUN_ENV) $(BIN)/python manage.py load_content --if-empty

superuser: migrate ## Create an editor account for the admin
	$(RUN_ENV) $(BIN)/python manage.py createsuperuser

run: seed ## Install, migrate, load the seed content, serve on $(HOST):$(PORT) with a task worker
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@# Procfile: gunicorn (config/gunicorn.py: workers, timeouts, no access log: the app
	@# logs each request) and a task worker; Ctrl-C stops both.
	$(RUN_ENV) GUNICORN_WORKERS=$(GUNICORN_WORKERS) IMS_BIND=$(HOST):$(PORT) PATH="$(abspath $(BIN)):$$PATH" \
		$(BIN)/honcho start --no-colour --procfile Procfile

test: install ## Run the whole test suite (SQLite by default; set DATABASE_URL/REDIS_URL for PostgreSQL/Redis)
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Incremental runs trip over modeltranslation's run-time managers (a mypy
	@# internal error on a warm cache); a full run takes seconds.
	$(TEST_ENV) $(BIN)/mypy --no-incremental .

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

schema: install ## Regenerate openapi.yaml from the code
	$(TEST_ENV) $(BIN)/python manage.py spectacular --file openapi.yaml --validate --fail-on-warn

schema-check: install ## Fail if openapi.yaml differs from what the code generates, or is invalid
	$(TEST_ENV) $(BIN)/python manage.py spectacular --file .openapi.generated.yaml --validate --fail-on-warn
	@diff -u openapi.yaml .openapi.generated.yaml && rm -f .openapi.generated.yaml \
		|| (rm -f .openapi.generated.yaml; echo "openapi.yaml is stale: run 'make schema'"; exit 1)

clients-check: ## Fail if clients/typescript's types are stale against openapi.yaml, do not compile, or do not build
	cd clients/typescript && npm ci --no-audit --no-fund && npm run check && npm run build

bench: install bench-tools ## Load-test every endpoint against the framework floor (BENCH_DURATION=5 s per run; BENCH_REF=<ref> compares a commit; BENCH_SMOKE=1 checks quickly)
	@# BENCH_* variables, on the command line or in the environment, reach bench.run
	@# through the environment (docs/performance.md, "Running the benchmark").
	$(BIN)/python -m bench.run

# make bench's load generator (wrk) and its edge row's Varnish and nginx: Debian's
# packages, installed once when missing.
bench-tools:
	@.ci/install-debian-packages wrk varnish varnish-modules nginx

FUZZ_EXAMPLES ?= 100
fuzz: install ## schemathesis against the served app and openapi.yaml, every check (FUZZ_EXAMPLES per operation)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) bash .ci/fuzz

lock: ## Re-pin requirements*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean: ## Remove the virtualenv, the local database and its images, and collected static files
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .mypy_cache .ruff_cache
