# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make site   # set up .venv, digest seeds/ into docs/, build the site into site/
#   make test   # set up .venv, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INPUT ?= seeds
ARCHIVE ?= archive
BENCH ?= ../shared/bench

.PHONY: help install site docs serve test eval bench bench-scale golden deploy clean

help:
	@echo "make site         digest $(INPUT)/ and build the site into site/ (earlier editions kept in $(ARCHIVE)/)"
	@echo "make test         run the test suite"
	@echo "make eval         quality figures on the evaluation sets and the dev set, gated on the baseline"
	@echo "make bench        the build against the naive pipeline on 1,000 articles (ratio)"
	@echo "make bench-scale  cold builds of 1,000 / 3,000 / 10,000 articles and a warm rebuild"
	@echo "make golden       regenerate the golden outputs after an intended change"
	@echo "make serve        live preview of the site"
	@echo "make deploy       publish site/ to the gh-pages branch (ghp-import)"

# The stamp is rebuilt when the pinned dependencies change. The package runs from
# this folder (python -m generator), so only its dependencies are installed.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed

docs: install
	$(PY) -m generator build --input $(INPUT) --docs docs --archive $(ARCHIVE)

site: install
	$(PY) -m generator build --input $(INPUT) --docs docs --site site --archive $(ARCHIVE)

serve: docs
	$(VENV)/bin/mkdocs serve

test: install
	$(PY) -m pytest -q -n 2

eval: install
	$(PY) -m generator eval

bench: install
	$(BENCH)/side_by_side.sh . 1000

bench-scale: install
	$(PY) -m generator bench --articles 1000 3000 10000 --warm

golden: install
	$(PY) -m tests.golden.regenerate

deploy: site
	$(VENV)/bin/ghp-import --no-jekyll --push --force site

clean:
	rm -rf site docs/index.md docs/digest.json docs/topics docs/articles docs/actors docs/phrases docs/archive docs/search.md docs/feed.xml docs/feed.json
