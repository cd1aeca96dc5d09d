"""Every setting of a build in one frozen object: input/output options and every tuning threshold.

Defaults live here, in code. A build reads, later ones winning: these defaults, the
`extra: digest:` mapping of the MkDocs configuration, a `digest.toml` in the working folder
(or the file given with `--config`), then the command line. Keys use the field names below,
grouped by section (`[clean]`, `[actors]`, ...); an unknown key or a value of the wrong type is
a configuration error, and every such error is reported at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal, get_args, get_origin, get_type_hints

from generator.errors import ConfigError

ExecutorName = Literal["serial", "processes", "dask"]
ArticleText = Literal["auto", "excerpt", "full"]


@dataclass(frozen=True)
class IOSettings:
    """Where the build reads and writes, and how it runs."""

    input: Path = Path("seeds")
    docs: Path = Path("docs")
    site: Path | None = None
    """When set, also build the static site into this folder."""
    mkdocs_config: Path | None = None
    """MkDocs configuration; None uses ./mkdocs.yml when present, else the packaged default."""
    strict_input: bool = False
    """Fail on the first unusable input or failed article instead of skipping it."""
    max_file_bytes: int = 20_000_000
    executor: ExecutorName = "processes"
    workers: int = 0
    """Worker processes for the per-article step; 0 = every available core."""
    scheduler: str | None = None
    """Address of a Dask scheduler (executor "dask"); None starts a local cluster."""
    cache: Path | None = None
    """Analysis cache folder; None = $XDG_CACHE_HOME/news-digest."""
    use_cache: bool = True
    progress: bool = True
    article_text: ArticleText = "auto"
    """"excerpt" shows the lead and a link to the original, "full" the whole text; "auto" picks
    "excerpt" for articles with a URL and "full" otherwise."""
    edition: str | None = None
    """YYYY-MM-DD of this edition; None = the newest article date."""
    archive: Path | None = None
    """Folder that keeps earlier editions; None = no archive."""
    search: bool = True
    """Index the built site with Pagefind."""
    language: str = "en"
    explain: str | None = None
    """Log every rule that touched names containing this text."""


@dataclass(frozen=True)
class CleanSettings:
    """Page furniture, metadata and page splitting."""

    max_analysed_chars: int = 100_000
    """An article longer than this is analysed up to a paragraph break before it."""
    heading_max_words: int = 16
    """A line longer than this is never a headline or section heading."""
    menu_max_words: int = 3
    """Lines of a navigation menu have at most this many words."""
    menu_min_run: int = 3
    """So many short label lines in a row (or on one line) make a menu."""
    story_shift_max: float = 0.08
    """Two neighbouring blocks belong to different stories when the lexical cohesion
    (cosine of content words and names) between them is below this."""
    min_story_words: int = 12
    """A block shorter than this never stands alone as a story; it joins its neighbour."""
    near_duplicate_jaccard: float = 0.75
    """Estimated Jaccard similarity of word trigrams above which two articles are one article
    carried twice (a wire story run by two outlets, a story saved twice with light edits)."""
    furniture_only_words: int = 8
    """A document whose text outside furniture is shorter than this holds no news."""


@dataclass(frozen=True)
class ActorSettings:
    """Entity repair, merging and salience."""

    max_per_article: int = 20
    """At most so many main actors listed per article."""
    fuzzy_min: float = 88.0
    """Least rapidfuzz ratio between two folded name keys for a spelling merge."""
    typo_min_length: int = 6
    """Names shorter than this merge only on exact keys (a one-letter typo is another name)."""
    sound_alike_min: float = 65.0
    """Least rapidfuzz ratio between one-word sound-alike names named beside the same actors."""
    related_max: int = 8


@dataclass(frozen=True)
class KeyphraseSettings:
    per_article: int = 10
    per_topic: int = 10
    max_words: int = 5
    max_names: int = 3
    """At most so many names in a keyphrase list (names are listed as actors already)."""
    mmr_lambda: float = 0.7
    """Relevance against novelty in the final ranking (1 = relevance only)."""
    yake_window: int = 1
    """YAKE's co-occurrence window (words on each side)."""


@dataclass(frozen=True)
class TopicSettings:
    link_min: float = 0.12
    """Least average-linkage similarity (mean pairwise cosine) for two clusters to merge."""
    entity_weight: float = 0.4
    """Share of the actor block in an article's vector (the rest is its words)."""
    entity_min: float = 0.2
    """Least mean cosine of the actor blocks of two clusters that merge."""
    edge_min: float = 0.03
    """Pairs of articles less similar than this are never candidates."""
    neighbours: int = 20
    """Candidate neighbours per article in the sparse similarity graph."""
    exact_max: int = 3000
    """Up to this many articles, neighbours come from exact cosines; above, from LSA."""
    short_words: int = 150
    """A section whose articles hold fewer words than this together may join a larger one."""
    attach_min: float = 0.2
    """Least mean best-match similarity for such a short section to join a larger one."""
    highlights: int = 4
    summary_sentences: int = 2
    quotes: int = 3
    home_sections: int = 8


@dataclass(frozen=True)
class Settings:
    io: IOSettings = field(default_factory=IOSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    actors: ActorSettings = field(default_factory=ActorSettings)
    keyphrases: KeyphraseSettings = field(default_factory=KeyphraseSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)

    def clean_key(self) -> str:
        """The settings that change how a source is cleaned, as text (part of the cache key)."""
        return repr((self.clean, self.io.language))

    def analysis_key(self) -> str:
        """The settings that change a single article's analysis, as text (part of the cache key)."""
        return repr((self.clean.max_analysed_chars, self.keyphrases, self.io.language))


SECTIONS = frozenset(f.name for f in fields(Settings))
"""The sections a settings file may hold ([io], [clean], ...)."""


def _convert(value: Any, kind: Any, where: str, problems: list[str]) -> Any:
    """Value as the annotated type, or a problem recorded."""
    origin = get_origin(kind)
    options = get_args(kind)
    if origin is Literal:
        if value in options:
            return value
        problems.append(f"{where}: {value!r} is not one of {', '.join(map(repr, options))}")
        return None
    if type(None) in options:  # X | None
        if value is None:
            return None
        kind = next(option for option in options if option is not type(None))
        return _convert(value, kind, where, problems)
    if kind is Path and isinstance(value, (str, Path)):
        return Path(value)
    if kind is bool and isinstance(value, bool):
        return value
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is str and isinstance(value, str):
        return value
    problems.append(f"{where}: expected {getattr(kind, '__name__', kind)}, got {value!r}")
    return None


def _apply(settings: Settings, overrides: dict[str, Any], origin: str, problems: list[str]) -> Settings:
    """Settings with a {section: {key: value}} mapping applied; bad keys and values recorded."""
    changed = {}
    for section_name, values in overrides.items():
        section = getattr(settings, section_name) if section_name in SECTIONS else None
        if section is None or not isinstance(values, dict):
            problems.append(f"{origin}: unknown section [{section_name}]")
            continue
        hints = get_type_hints(type(section))
        updates = {}
        for key, value in values.items():
            if key not in hints:
                problems.append(f"{origin}: unknown setting {section_name}.{key}")
                continue
            converted = _convert(value, hints[key], f"{origin}: {section_name}.{key}", problems)
            if converted is not None or value is None:
                updates[key] = converted
        changed[section_name] = dataclasses.replace(section, **updates)
    return dataclasses.replace(settings, **changed)


def _mkdocs_extra(path: Path) -> dict[str, Any]:
    """The `extra: digest:` mapping of a MkDocs configuration, or {}."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """Reads MkDocs files that use tags such as !ENV without resolving them."""

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    extra = (data.get("extra") or {}).get("digest") or {}
    return extra if isinstance(extra, dict) else {}


def load(
    cli: dict[str, dict[str, Any]] | None = None,
    config_file: Path | None = None,
    base: Settings | None = None,
) -> Settings:
    """Settings from defaults, the MkDocs extra, digest.toml and the command line; all errors at once."""
    problems: list[str] = []
    settings = base or Settings()
    cli = cli or {}
    mkdocs_config = (cli.get("io") or {}).get("mkdocs_config")
    mkdocs_path = Path(mkdocs_config) if mkdocs_config else Path("mkdocs.yml")
    if mkdocs_path.is_file():
        settings = _apply(settings, _mkdocs_extra(mkdocs_path), f"{mkdocs_path} extra.digest", problems)
    toml_path = config_file or Path("digest.toml")
    if config_file is not None and not config_file.is_file():
        problems.append(f"configuration file {config_file} not found")
    elif toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            problems.append(f"{toml_path}: {error}")
        else:
            settings = _apply(settings, data, str(toml_path), problems)
    settings = _apply(settings, {k: v for k, v in cli.items() if v}, "command line", problems)
    problems.extend(validate(settings))
    if problems:
        raise ConfigError("; ".join(problems), hint="see `news-digest build --help` and the README's settings table")
    return settings


def validate(settings: Settings) -> list[str]:
    """Every problem with the settings, as messages."""
    io = settings.io
    problems = []
    if not io.input.is_dir():
        problems.append(f"input folder {io.input} does not exist or is not a folder")
    if io.docs.exists() and not io.docs.is_dir():
        problems.append(f"docs folder {io.docs} exists and is not a folder")
    if io.mkdocs_config is not None and not io.mkdocs_config.is_file():
        problems.append(f"MkDocs configuration {io.mkdocs_config} not found")
    if io.max_file_bytes <= 0:
        problems.append("max_file_bytes must be positive")
    if io.workers < 0:
        problems.append("workers must be 0 (all cores) or more")
    if io.edition is not None and not is_iso_date(io.edition):
        problems.append(f"edition {io.edition!r} is not a YYYY-MM-DD date")
    for section in (settings.clean, settings.actors, settings.keyphrases, settings.topics):
        for item in fields(section):
            value = getattr(section, item.name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value < 0:
                problems.append(f"{type(section).__name__}.{item.name} must not be negative")
    return problems


def is_iso_date(text: str) -> bool:
    """A date written YYYY-MM-DD."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def worker_count(settings: Settings) -> int:
    """The number of worker processes to use."""
    return settings.io.workers or max(1, len(os.sched_getaffinity(0)))


def cache_dir(settings: Settings) -> Path:
    """The analysis cache folder."""
    if settings.io.cache is not None:
        return settings.io.cache
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-digest"
