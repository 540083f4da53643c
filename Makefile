# Thin targets over the package's command line (python -m spacerace ...).
# `make book` and `make test` set up everything they need on a fresh machine with Python 3.11.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LAB    := .venv-lab
LAB_STAMP := $(LAB)/.installed
PARAMS ?=
BUILD_DIR ?= $(if $(PARAMS),_build/variants/$(basename $(notdir $(PARAMS))),_build)

.PHONY: book test serve bench data clean setup browser figures handout axe lab

book: $(STAMP)  ## validate the data, execute the chapters, build and publish the HTML
	$(PY) -m spacerace build --build-dir $(BUILD_DIR) $(if $(PARAMS),--params $(PARAMS))

test: $(STAMP) $(LAB_STAMP) browser axe  ## run the whole test suite
	$(PY) -m pytest

serve: $(STAMP)  ## preview the built site on http://127.0.0.1:8000/
	$(PY) -m spacerace serve --build-dir $(BUILD_DIR)

figures: $(STAMP)  ## every chart of the built book as PNG (1920 px) and SVG for slides, into $(BUILD_DIR)/figures
	$(PY) -m spacerace figures --build-dir $(BUILD_DIR)

CHAPTER ?= costs
handout: $(STAMP) browser  ## one built chapter as a PDF handout: make handout CHAPTER=costs
	$(PY) -m spacerace handout $(CHAPTER) --build-dir $(BUILD_DIR)

lab: $(LAB_STAMP)  ## open the chapters in JupyterLab, in the book's packages plus JupyterLab (.venv-lab)
	$(LAB)/bin/jupyter lab --notebook-dir=book $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

bench: $(STAMP)  ## print build times, cache behaviour and page weights
	$(PY) benchmarks/bench.py

data: $(STAMP)  ## re-derive the tidy datasets from the raw files in data/raw
	$(PY) scripts/derive_economics.py
	$(PY) scripts/derive_world_bank.py
	$(PY) scripts/derive_launches.py
	$(PY) scripts/derive_launch_record.py
	$(PY) scripts/derive_objects.py
	$(PY) scripts/make_boundaries.py

setup: $(STAMP)

# The virtual environment, rebuilt when the pinned requirements change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m pip check
	touch $(STAMP)

# JupyterLab gets an environment of its own (the book's packages plus the dev extra): its
# dependencies make `import altair` 0.7 s slower (jsonschema's rfc3987-syntax), in every chapter.
$(LAB_STAMP): requirements-lab.txt pyproject.toml
	test -x $(LAB)/bin/python || $(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install --quiet -r requirements-lab.txt
	$(LAB)/bin/python -m pip install --quiet --no-deps -e .
	touch $(LAB_STAMP)

# Debian's Chromium for the browser tests, installed only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests ..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# axe-core (the accessibility checker the browser tests inject into each page), pinned, from npm.
AXE_VERSION := 4.14.1
axe:
	@test -f node_modules/axe-core/axe.min.js && grep -q '"version": "$(AXE_VERSION)"' node_modules/axe-core/package.json || { \
	  echo "Installing axe-core $(AXE_VERSION) for the accessibility tests ..."; \
	  npm install --no-save --no-audit --no-fund --loglevel=error axe-core@$(AXE_VERSION) >/dev/null; }

clean:  ## remove the build (the published site, caches and staging)
	rm -rf _build out
