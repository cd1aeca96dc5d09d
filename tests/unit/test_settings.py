"""settings: defaults, digest.toml and mkdocs.yml overrides, and every error reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import settings as settings_module
from generator.errors import ConfigError
from generator.settings import ActorSettings, IOSettings, KeyphraseSettings, Settings, TopicSettings


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """An empty working folder with an input folder, as the current directory."""
    (tmp_path / "input").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load(**cli_io):
    return settings_module.load({"io": {"input": "input", **cli_io}})


def problems(error: ConfigError) -> list[str]:
    return str(error).split("; ")


def test_defaults(workdir):
    loaded = load()
    assert loaded == Settings(io=IOSettings(input=Path("input")))
    assert loaded.io.executor == "processes"
    assert loaded.actors.fuzzy_min == 88.0
    assert loaded.keyphrases.max_names == 3
    assert loaded.topics.summary_sentences == 2


def test_digest_toml_overrides_defaults(workdir):
    (workdir / "digest.toml").write_text('[actors]\nfuzzy_min = 90\n[io]\nexecutor = "serial"\n[topics]\nhighlights = 5\n')
    loaded = load()
    assert loaded.actors == ActorSettings(fuzzy_min=90.0)
    assert isinstance(loaded.actors.fuzzy_min, float)
    assert loaded.io.executor == "serial"
    assert loaded.topics == TopicSettings(highlights=5)


def test_mkdocs_extra_digest_overrides_defaults_and_reads_env_tags(workdir):
    (workdir / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE_NAME, 'Digest']\nextra:\n  digest:\n    keyphrases:\n      per_topic: 7\n    topics:\n      link_min: 0.2\n"
    )
    loaded = load()
    assert loaded.keyphrases == KeyphraseSettings(per_topic=7)
    assert loaded.topics.link_min == 0.2


def test_later_sources_win_mkdocs_then_toml_then_command_line(workdir):
    (workdir / "mkdocs.yml").write_text("extra:\n  digest:\n    io:\n      executor: dask\n      workers: 3\n    actors:\n      related_max: 2\n")
    (workdir / "digest.toml").write_text('[io]\nexecutor = "serial"\nworkers = 5\n')
    loaded = load(workers=7)
    assert (loaded.io.executor, loaded.io.workers, loaded.actors.related_max) == ("serial", 7, 2)


def test_an_explicit_config_file_replaces_digest_toml(workdir):
    (workdir / "digest.toml").write_text("[actors]\nrelated_max = 2\n")
    (workdir / "other.toml").write_text("[actors]\nrelated_max = 4\n")
    loaded = settings_module.load({"io": {"input": "input"}}, config_file=Path("other.toml"))
    assert loaded.actors.related_max == 4


def test_a_missing_config_file_is_an_error(workdir):
    with pytest.raises(ConfigError) as caught:
        settings_module.load({"io": {"input": "input"}}, config_file=Path("missing.toml"))
    assert problems(caught.value) == ["configuration file missing.toml not found"]


def test_unknown_key(workdir):
    (workdir / "digest.toml").write_text("[actors]\nfuzzy = 90\n")
    with pytest.raises(ConfigError) as caught:
        load()
    assert problems(caught.value) == ["digest.toml: unknown setting actors.fuzzy"]
    assert caught.value.hint is not None
    assert caught.value.exit_code == 2


def test_wrong_type(workdir):
    (workdir / "digest.toml").write_text('[topics]\nhighlights = "four"\n')
    with pytest.raises(ConfigError) as caught:
        load()
    assert problems(caught.value) == ["digest.toml: topics.highlights: expected int, got 'four'"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[io]\nworkers = true\n", "digest.toml: io.workers: expected int, got True"),
        ("[actors]\nfuzzy_min = 1.5e300\nmax_per_article = 2.5\n", "digest.toml: actors.max_per_article: expected int, got 2.5"),
        ('[io]\nexecutor = "threads"\n', "digest.toml: io.executor: 'threads' is not one of 'serial', 'processes', 'dask'"),
        ("[colours]\nred = 1\n", "digest.toml: unknown section [colours]"),
        ("[analysis_key]\nx = 1\n", "digest.toml: unknown section [analysis_key]"),
    ],
)
def test_each_kind_of_bad_value(workdir, toml, message):
    (workdir / "digest.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load()
    assert problems(caught.value) == [message]


def test_every_error_is_reported_at_once(workdir):
    (workdir / "mkdocs.yml").write_text("extra:\n  digest:\n    topics:\n      quotes: many\n")
    (workdir / "digest.toml").write_text('[actors]\nfuzzy = 90\n[keyphrases]\nper_article = -1\n[io]\nexecutor = "threads"\nedition = "13 May"\n')
    with pytest.raises(ConfigError) as caught:
        settings_module.load({"io": {"input": "nowhere"}})
    assert problems(caught.value) == [
        "mkdocs.yml extra.digest: topics.quotes: expected int, got 'many'",
        "digest.toml: unknown setting actors.fuzzy",
        "digest.toml: io.executor: 'threads' is not one of 'serial', 'processes', 'dask'",
        "input folder nowhere does not exist or is not a folder",
        "edition '13 May' is not a YYYY-MM-DD date",
        "KeyphraseSettings.per_article must not be negative",
    ]


def test_a_broken_toml_file_is_a_configuration_error(workdir):
    (workdir / "digest.toml").write_text("[actors\nfuzzy_min = 90\n")
    with pytest.raises(ConfigError) as caught:
        load()
    assert str(caught.value).startswith("digest.toml: ")


def test_validate_checks_io_values(tmp_path):
    bad = Settings(io=IOSettings(input=tmp_path / "missing", max_file_bytes=0, workers=-1, edition="2025-02-30"))
    assert settings_module.validate(bad) == [
        f"input folder {tmp_path / 'missing'} does not exist or is not a folder",
        "max_file_bytes must be positive",
        "workers must be 0 (all cores) or more",
        "edition '2025-02-30' is not a YYYY-MM-DD date",
    ]


def test_analysis_key_changes_with_analysis_settings_only():
    base = Settings()
    assert Settings(keyphrases=KeyphraseSettings(max_words=4)).analysis_key() != base.analysis_key()
    assert Settings(io=IOSettings(workers=3, executor="serial")).analysis_key() == base.analysis_key()
    assert Settings(topics=TopicSettings(link_min=0.3)).analysis_key() == base.analysis_key()


def test_worker_count_and_cache_dir(tmp_path, monkeypatch):
    assert settings_module.worker_count(Settings(io=IOSettings(workers=3))) == 3
    assert settings_module.worker_count(Settings()) >= 1
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert settings_module.cache_dir(Settings()) == tmp_path / "news-digest"
    assert settings_module.cache_dir(Settings(io=IOSettings(cache=tmp_path / "c"))) == tmp_path / "c"


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().actors.fuzzy_min = 10  # type: ignore[misc]
