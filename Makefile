# Set-up and everyday commands. `make graph` and `make test` do all set-up
# on a fresh machine (virtualenv, packages, headless browser for the tests).
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STAMP := $(VENV)/.installed

.PHONY: setup viewer graph test browser eval ner-model ner-e5-model event-models clean

setup: $(STAMP) viewer

# The viewer's JavaScript (kg/export/viewer/js): esbuild from npm, pinned by
# package-lock.json, bundles it into one file that kg inlines into graph.html.
# Built here, never committed; needs node and npm.
VIEWER_JS := kg/export/viewer/js
VIEWER_BUNDLE := $(VIEWER_JS)/dist/viewer.bundle.js
viewer: $(VIEWER_BUNDLE)

$(VIEWER_BUNDLE): $(VIEWER_JS)/package.json $(VIEWER_JS)/package-lock.json $(wildcard $(VIEWER_JS)/src/*.js)
	@command -v npm >/dev/null || { echo "make viewer: npm (node 18 or later) is needed to build the viewer's JavaScript"; exit 1; }
	cd $(VIEWER_JS) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

# torch first: camel-tools depends on it, and pinning the CPU build that
# lies on local disk keeps the virtualenv small (no CUDA packages).
$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[test,cluster]"
	touch $(STAMP)

graph: setup
	$(KG) build seeds -o out

browser: setup
	PYTHON=$(PY) bash scripts/install_browser.sh

test: setup browser
	$(PY) -m pytest -q

eval: graph
	$(KG) eval --gold ../shared/gold/seeds.jsonl

# Rebuild the NER model shipped in kg/models/ner_ar from ANERcorp's CAMeL
# train split (fixed seed). CI does not run this: the model is committed.
ner-model: setup
	$(KG) train ner --ship

# Rebuild the e5 NER of the accurate profile (kg/models/ner_e5); its e5 vectors are
# cached in $$TMPDIR/kg-cache, so a second run skips the encoder.
ner-e5-model: setup
	$(KG) train ner --kind e5 --ship

# Rebuild the assault/protest report classifiers in kg/models/events from
# OEDA's even (development) rows; committed too.
event-models: setup
	$(KG) train events

clean:
	rm -rf out .pytest_cache
