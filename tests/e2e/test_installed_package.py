"""The package as a user installs it: built into a wheel, installed apart from the repository,
and run from another folder, it builds a whole site into new, empty folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

STORY = """Dockworkers strike at Port of Valdora over pay

VALDORA, March 14 (Reuters) - Thousands of dockworkers at the Port of Valdora walked off the job on Saturday after talks on a new pay deal collapsed overnight.

Union leader Tomas Reyes said the strike would last 48 hours unless port operator Meridian Terminals improved its offer.
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package installed (without its dependencies, which the test environment has) into a folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work), str(REPO)],
        check=True,
    )
    wheel = next(work.glob("*.whl"))
    target = work / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


@pytest.mark.e2e
def test_installed_package_builds_a_site_from_another_folder(installed, tmp_path):
    inputs = tmp_path / "news"
    inputs.mkdir()
    (inputs / "strike.txt").write_text(STORY, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--input", str(inputs), "--docs", str(tmp_path / "new-docs"),
         "--site", str(tmp_path / "new-site"), "--no-progress"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    import generator

    assert not str(Path(generator.__file__)).startswith(str(installed)), "the test must not import the installed copy itself"
    assert (tmp_path / "new-docs" / "digest.json").is_file()
    assert (tmp_path / "new-site" / "index.html").is_file()
    assert "Valdora" in (tmp_path / "new-site" / "index.html").read_text(encoding="utf-8")
