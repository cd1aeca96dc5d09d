# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make site   # set up .venv, digest seeds/ into docs/, build the site into site/
#   make test   # set up .venv, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INPUT ?= seeds

.PHONY: help install site docs serve test eval bench deploy clean

help:
	@echo "make site    digest $(INPUT)/ and build the site into site/"
	@echo "make test    run the test suite"
	@echo "make eval    quality figures on the annotated fixtures"
	@echo "make bench   time a build of 1,000 synthetic articles"
	@echo "make serve   live preview of the site"
	@echo "make deploy  publish site/ to GitHub Pages (mkdocs gh-deploy)"

# The stamp is rebuilt when the pinned dependencies change. The package runs from
# this folder (python -m generator), so only its dependencies are installed.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

docs: install
	$(PY) -m generator build --input $(INPUT) --docs docs

site: install
	$(PY) -m generator build --input $(INPUT) --docs docs --site site

serve: docs
	$(VENV)/bin/mkdocs serve

test: install
	$(PY) -m pytest -q

eval: install
	$(PY) -m generator eval

bench: install
	$(PY) -m generator bench --articles 1000 --site

deploy: site
	$(VENV)/bin/mkdocs gh-deploy --force --no-history

clean:
	rm -rf site docs/index.md docs/digest.json docs/topics docs/articles docs/actors docs/tags
