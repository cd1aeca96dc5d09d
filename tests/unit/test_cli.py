"""cli: every command and option has help text; errors become exit codes with a hint."""

from __future__ import annotations

import argparse
import gc

import pytest

from generator import cli


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def documented(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    return {a.dest: a.help for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)}


def test_the_commands():
    assert sorted(subcommands()) == ["bench", "build", "eval"]


def test_every_command_has_help_text():
    action = next(a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in action._choices_actions}
    assert sorted(helps) == ["bench", "build", "eval"]
    assert all(text and text.strip() for text in helps.values())


@pytest.mark.parametrize("command", ["build", "eval", "bench"])
def test_every_option_of_a_command_has_help_text(command):
    options = documented(subcommands()[command])
    assert options
    assert [dest for dest, text in options.items() if not text or text == argparse.SUPPRESS] == []


def test_every_root_option_has_help_text():
    options = documented(cli.parser())
    assert set(options) == {"version", "verbose", "quiet"}
    assert [dest for dest, text in options.items() if not text] == []


@pytest.mark.parametrize("command", ["build", "eval", "bench"])
def test_help_of_each_command_lists_its_options(command, capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main([command, "--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    flags = [flag for a in subcommands()[command]._actions for flag in a.option_strings if flag.startswith("--")]
    assert [flag for flag in flags if flag not in shown] == []
    assert subcommands()[command].description.split()[0] in shown


def test_build_options_cover_the_io_settings():
    from dataclasses import fields

    from generator.settings import IOSettings

    options = set(documented(subcommands()["build"]))
    without_flag = {f.name for f in fields(IOSettings)} - options - {"mkdocs_config", "language", "use_cache", "progress", "search"}
    assert without_flag == set()


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """Run in an empty folder, so no mkdocs.yml or digest.toml of the repository is read."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_missing_input_folder_exits_2_with_a_hint(elsewhere, capsys):
    code = cli.main(["build", "--input", str(elsewhere / "missing"), "--docs", str(elsewhere / "docs"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"input folder {elsewhere / 'missing'} does not exist or is not a folder" in err
    assert "hint: " in err


def test_a_folder_with_no_usable_file_exits_3(elsewhere, capsys):
    folder = elsewhere / "input"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    code = cli.main(["build", "--input", str(folder), "--docs", str(elsewhere / "docs"), "--executor", "serial", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 3
    assert f"error: no usable news files in {folder}" in err
    assert "hint: point --input at a folder" in err


def test_a_bad_setting_file_exits_2_and_lists_every_problem(elsewhere, capsys):
    (elsewhere / "input").mkdir()
    (elsewhere / "digest.toml").write_text('[actors]\nfuzzy = 1\n[topics]\nquotes = "three"\n')
    code = cli.main(["build", "--input", str(elsewhere / "input"), "--docs", str(elsewhere / "docs")])
    err = capsys.readouterr().err
    assert code == 2
    assert "digest.toml: unknown setting actors.fuzzy; digest.toml: topics.quotes: expected int, got 'three'" in err


def test_an_unknown_option_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["build", "--colour", "red"])
    assert caught.value.code == 2
    assert "unrecognized arguments: --colour red" in capsys.readouterr().err


def test_a_command_runs_with_the_batch_collector_thresholds_then_restores_them(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "cmd_eval", lambda args: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    assert cli.main(["eval"]) == 0
    assert seen == [cli.COLLECTOR_THRESHOLDS]
    assert gc.get_threshold() == before
