"""evaluation.sets: the shared scorer is loaded from the dev set folder, or a clear error says why not."""

from __future__ import annotations

import pytest

from generator.errors import ConfigError
from generator.evaluation import sets


@pytest.fixture
def devset(tmp_path, monkeypatch):
    monkeypatch.setenv(sets.DEVSET_ENV, str(tmp_path))
    sets.scorer.cache_clear()
    yield tmp_path
    sets.scorer.cache_clear()


def test_a_scorer_whose_dependency_is_missing_names_it_and_the_install(devset):
    (devset / "score.py").write_text("import a_module_nobody_installed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="needs a_module_nobody_installed") as raised:
        sets.scorer()
    assert "[eval]" in raised.value.hint


def test_a_missing_scorer_names_the_folder(devset):
    with pytest.raises(ConfigError, match="is missing"):
        sets.scorer()


def test_the_scorer_is_loaded_from_the_dev_set_folder(devset):
    (devset / "score.py").write_text("def score(*args):\n    return 'scored'\n", encoding="utf-8")
    assert sets.scorer().score() == "scored"
