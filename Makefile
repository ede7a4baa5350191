# Nearshore Assistant — `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run ingest test bench loadtest eval redteam browser-deps clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch first, pinned, so nothing pulls a large CUDA build.
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(VENV)/bin/nearshore ingest

# An existing index is brought up to date first (a no-op when the corpus is unchanged); without one, the server
# listens at once and builds it, showing "Building the knowledge base… N of M documents" meanwhile.
run: install
	@if [ -f "$${NEARSHORE_INDEX_DIR:-index}/CURRENT" ]; then $(VENV)/bin/nearshore ingest; fi
	$(PY) ui.py

# The browser test needs Debian's chromium; install it when we can (root + apt), else the test says why it skips.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "warning: could not install chromium; the browser test will be skipped"; \
	  else echo "warning: chromium not installed and no root/apt; the browser test will be skipped"; fi; }

test: install browser-deps
	$(PY) -m pytest -q

eval: ingest
	$(VENV)/bin/nearshore eval --qa tests/qa --out eval-output --baseline

bench: install
	$(PY) -m assistant.evaluation.bench

# Serves the app on 127.0.0.1 (index/) and drives it with 1, 20, 50 concurrent clients, each phase bounded
# (~2 min on 2 cores). LOADTEST_ARGS="--clients 1,20 --seconds 10 --workers 2 --json loadtest.json" to change it.
loadtest: install
	$(PY) -m assistant.evaluation.loadtest $(LOADTEST_ARGS)

# Attacks a temporary copy of the app on 127.0.0.1 (bounded; ~15-20 min on 2 cores). REDTEAM_ARGS=--quick for a smoke run.
redteam: install
	$(PY) -m assistant.evaluation.redteam $(REDTEAM_ARGS)

clean:
	rm -rf $(VENV) index .pytest_cache
