"""A build killed at any moment leaves docs/ and site/ exactly as the last good build left them."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site import atomic
from tests.conftest import REPO
from tests.site.conftest import tree

TIMEOUT = 120


def _command(root: Path, edition: str) -> list[str]:
    return [
        sys.executable, "-m", "generator", "build", "--input", str(root / "input"), "--docs", str(root / "docs"),
        "--site", str(root / "site"), "--executor", "serial", "--no-progress", "--edition", edition,
    ]


def _environment(root: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(root / "cache"), "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    """Seeds built once into docs/ and site/: the last good build."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(REPO / "seeds", root / "input")
    result = subprocess.run(_command(root, "2031-01-01"), cwd=REPO, env=_environment(root), capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    return root


def _default_ctrl_c() -> None:
    # A suite started in the background inherits an ignored SIGINT, and Python then never turns
    # Ctrl-C into KeyboardInterrupt: give the build the terminal's default, as a user has it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _first_write(root: Path, before: set[str]) -> bool:
    return bool({p.name for p in root.iterdir()} - before)


def _indexing(root: Path, before: set[str]) -> bool:
    return any((p / "pagefind").exists() for p in root.iterdir() if p.name.startswith(f"{atomic.PREFIX}site."))


@pytest.mark.parametrize(
    ("moment", "signum"),
    [(_first_write, signal.SIGTERM), (_indexing, signal.SIGINT)],
    ids=["sigterm-at-first-write", "ctrl-c-while-indexing"],
)
def test_interrupted_build_changes_nothing(good_build, tmp_path, moment, signum):
    root = tmp_path / "run"
    shutil.copytree(good_build, root, symlinks=True)
    docs, site = tree(root / "docs"), tree(root / "site")
    before = {p.name for p in root.iterdir()}
    process = subprocess.Popen(_command(root, "2031-01-02"), cwd=REPO, env=_environment(root), preexec_fn=_default_ctrl_c,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + TIMEOUT
    # Watch the folder until the moment comes: no fixed sleep, the build is caught as it writes.
    while not moment(root, before):
        assert process.poll() is None, "the build ended before the moment to interrupt it"
        assert time.monotonic() < deadline
        time.sleep(0.0005)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 130, stderr[-2000:]
    assert "previous docs and site are unchanged" in stderr
    assert tree(root / "docs") == docs
    assert tree(root / "site") == site
    assert {p.name for p in root.iterdir()} == before


def test_the_next_build_after_a_kill_cleans_up_and_succeeds(good_build, tmp_path):
    root = tmp_path / "run"
    shutil.copytree(good_build, root, symlinks=True)
    before = {p.name for p in root.iterdir()}
    process = subprocess.Popen(_command(root, "2031-01-03"), cwd=REPO, env=_environment(root),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + TIMEOUT
    while not any(p.name.startswith(f"{atomic.PREFIX}site.") for p in root.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.0005)
    process.kill()  # SIGKILL: nothing can clean up
    process.wait(timeout=TIMEOUT)
    assert any(p.name.startswith(atomic.PREFIX) for p in root.iterdir())
    result = subprocess.run(_command(root, "2031-01-03"), cwd=REPO, env=_environment(root), capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert {p.name for p in root.iterdir()} == before
    assert "Thursday 3 January 2031" not in (root / "docs" / "index.md").read_text()  # 2031-01-03 is a Friday
    assert "Friday 3 January 2031" in (root / "docs" / "index.md").read_text()


def _processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
def test_a_build_stopped_during_the_analysis_leaves_no_process(good_build, tmp_path, stop):
    root = tmp_path / "run"
    shutil.copytree(good_build, root, symlinks=True)
    docs = tree(root / "docs")
    process = subprocess.Popen(_command(root, "2031-01-04"), cwd=REPO, env=_environment(root),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in process.stderr:  # the analysis process is running once the articles are counted
        if "article(s)" in line:
            break
    assert process.poll() is None, "the build ended before its analysis"
    process.send_signal(stop)
    process.wait(timeout=TIMEOUT)
    assert process.returncode == (130 if stop == signal.SIGTERM else -signal.SIGKILL)
    deadline = time.monotonic() + TIMEOUT
    while _processes_naming(str(root)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(str(root)) == []
    assert tree(root / "docs") == docs
