# kuntakokeilu: `make demo` runs the system on the embedded default (SQLite + files);
# `make test` passes the whole suite. Both build the environment first (uv, from uv.lock).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
K := $(VENV)/bin/kuntakokeilu
PYTEST := $(VENV)/bin/pytest
DEMO_DIR ?= var/demo
DEMO_SCALE ?= 0.1
DEMO_ON := 2021-03-01
# The demo's case work runs 1.3.–30.6.2021; the demo installation treats the next day as today
# (web/clock.py), so its work list shows what was due then rather than years of arrears.
DEMO_TODAY := 2021-07-01
SERVE ?= 1
HOST ?= 127.0.0.1:8000

.PHONY: help env demo test test-postgres lint format bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

CATALOGUES := $(foreach l,fi sv,src/kuntakokeilu/locale/$(l)/LC_MESSAGES/django.mo)

%.mo: %.po $(VENV)/.synced
	$(K) catalogues --compile

env: $(VENV)/.synced $(CATALOGUES)  ## build the virtual environment and the message catalogues

demo: export KUNTAKOKEILU_TODAY := $(DEMO_TODAY)
demo: env  ## the whole system on SQLite with demo users, case work and monitoring; serve
	$(K) migrate --no-input
	$(K) load-reference
	@mkdir -p $(DEMO_DIR)
	$(K) assess-applications src/kuntakokeilu/reference/data/applications_2020.csv \
		--on 2020-06-30 --out $(DEMO_DIR)/assessment_2020.csv
	$(K) generate-register --on $(DEMO_ON) --scale $(DEMO_SCALE) --seed 1 \
		--out $(DEMO_DIR)/register-$(DEMO_ON).parquet
	$(K) refer $(DEMO_DIR)/register-$(DEMO_ON).parquet --on $(DEMO_ON) --load \
		--out $(DEMO_DIR)/decisions-$(DEMO_ON).parquet --notices $(DEMO_DIR)/notices-$(DEMO_ON)
	$(K) size-quotas --from $(DEMO_ON) --to 2021-12-31
	$(K) create-demo-users --password-file $(DEMO_DIR)/users.txt
	$(K) simulate-casework --areas helsinki espoo --from $(DEMO_ON) --to 2021-06-30 --seed 1
	rm -rf $(DEMO_DIR)/events-casework $(DEMO_DIR)/events-national $(DEMO_DIR)/monitoring
	$(K) export-events --out $(DEMO_DIR)/events-casework
	$(K) simulate --from 2020-03-01 --months 16 --scale $(DEMO_SCALE) --seed 1 --effect 0.1 \
		--out $(DEMO_DIR)/events-national
	$(K) monitor --events $(DEMO_DIR)/events-national --out $(DEMO_DIR)/monitoring
	$(K) load-indicators --results $(DEMO_DIR)/monitoring
	@echo
	@echo "The 2020 applications assessed on 30.6.2020: $(DEMO_DIR)/assessment_2020.csv"
	@echo "Synthetic register (scale $(DEMO_SCALE)):    $(DEMO_DIR)/register-$(DEMO_ON).parquet"
	@echo "Referral decisions on 1.3.2021:            $(DEMO_DIR)/decisions-$(DEMO_ON).parquet"
	@echo "Rejected rows:                             $(DEMO_DIR)/decisions-$(DEMO_ON).rejected.csv"
	@echo "Client notices (one document per area and language): $(DEMO_DIR)/notices-$(DEMO_ON)/"
	@echo "Demo users and their passwords (also printed above):  $(DEMO_DIR)/users.txt"
	@echo "The case work's events, pseudonymised:       $(DEMO_DIR)/events-casework/"
	@echo "Simulated national events 3/2020-6/2021:     $(DEMO_DIR)/events-national/"
	@echo "Monitoring figures (loaded for /monitoring/): $(DEMO_DIR)/monitoring/"
	@echo "The demo treats $(DEMO_TODAY) as today; to serve it again later:"
	@echo "  KUNTAKOKEILU_TODAY=$(DEMO_TODAY) $(K) runserver $(HOST)"
	@if [ "$(SERVE)" = "1" ]; then \
		echo "Open http://$(HOST)/ (Ctrl-C stops the server)"; \
		$(K) runserver $(HOST); \
	fi

# pytest exits 5 when it collected no test: say so rather than fail with a bare "Error 5".
define pytest_lane
	@rc=0; $(1) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc
endef

test: env  ## run the whole test suite (SQLite; PostgreSQL-only tests run in `make test-postgres`)
	$(call pytest_lane,$(PYTEST))

test-postgres: env  ## start a throw-away PostgreSQL server on loopback and run the database tests on it
	$(call pytest_lane,scripts/with-postgres $(PYTEST) -m "database or postgres")

lint: env  ## ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: env
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: env  ## run the benchmarks (starts a throw-away PostgreSQL server) and print figures and ratios
	scripts/with-postgres $(VENV)/bin/python -m benchmarks

clean:
	rm -rf $(VENV) $(TOOLS) var .pytest_cache .ruff_cache
