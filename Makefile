# Everything installs into .venv; torch is pinned to the 2.13.0 CPU build (constraints.txt).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Optional extras to install with the package: `make test EXTRAS=test,ray` adds the Ray engine (as CI does).
EXTRAS ?= test

.PHONY: install brief test lint bench golden

$(BIN)/summarize: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt torch==2.13.0
	$(BIN)/pip install -q -c constraints.txt -e '.[$(EXTRAS)]'
	touch $(BIN)/summarize

install: $(BIN)/summarize

brief: install
	$(BIN)/summarize brief examples/seeds

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check summarize tests bench
	$(BIN)/mypy summarize

# Quality and speed gates (need ../shared/data); bench_gen.py and bench_load.py take minutes, run them by hand.
bench: install
	$(BIN)/python bench/bench_cluster.py
	$(BIN)/python bench/bench_attribution.py
	$(BIN)/python bench/bench_corroborate_calibration.py
	$(BIN)/python bench/bench_seed_claims.py
	$(BIN)/python bench/bench_ans.py
	$(BIN)/python bench/bench_robustness.py
	$(BIN)/python bench/bench_speed.py

# Regenerate the golden briefs (tests/golden/) after a change that is meant to alter the output.
golden: install
	SUMMARIZE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py
