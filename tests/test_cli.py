"""CLI: help for every command, clear errors and exit codes on bad input."""

from __future__ import annotations

import pytest

from generator import cli


def test_every_command_has_help():
    root = cli.parser()
    commands = root._subparsers._group_actions[0].choices  # argparse keeps them here
    assert set(commands) == {"build", "eval", "bench"}
    for name, sub in commands.items():
        assert sub.description, name
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest}"


def test_missing_input_folder_is_a_config_error(tmp_path, capsys):
    code = cli.main(["build", "--input", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs")])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err


def test_folder_without_usable_files_fails_naming_the_skips(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    code = cli.main(["build", "--input", str(tmp_path / "in"), "--docs", str(tmp_path / "docs")])
    captured = capsys.readouterr()
    assert code == 3
    assert "no usable .txt files" in captured.err
    assert not (tmp_path / "docs").exists()


def test_strict_input_names_the_bad_file(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.txt").write_bytes(b"\x89PNG\x00\x00")
    code = cli.main(["build", "--strict-input", "--input", str(tmp_path / "in"), "--docs", str(tmp_path / "docs")])
    assert code == 3
    err = capsys.readouterr().err
    assert "photo.txt" in err and "binary" in err


@pytest.mark.parametrize("flag", ["--workers=0", "--max-file-bytes=0"])
def test_invalid_settings_are_reported(tmp_path, flag, capsys):
    code = cli.main(["build", flag, "--input", str(tmp_path), "--docs", str(tmp_path / "docs")])
    assert code == 2
    assert flag.split("=")[0] in capsys.readouterr().err
