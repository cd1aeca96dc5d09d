"""Packaging: the installed package carries its templates, MkDocs configuration and theme overrides."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from tests.conftest import REPO


def test_every_subpackage_is_listed():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "generator").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"
    assert "generator.templates" in listed


def test_built_package_finds_its_own_templates_and_site_files(tmp_path):
    build = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "-c", "import setuptools; setuptools.setup()", "-q", "build_py", "--build-lib", str(build)],
        cwd=REPO, check=True, capture_output=True,
    )
    for name in ("templates/topic.md.j2", "templates/_macros.md.j2", "site/mkdocs.base.yml",
                 "site/overrides/main.html", "site/overrides/partials/header.html",
                 "site/overrides/assets/stylesheets/digest.css", "digest.schema.json"):
        assert (build / "generator" / name).is_file(), name
    probe = "from generator import render, publish; print(render.templates_dir()); print(publish.packaged('overrides'))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(build)},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(build / "generator" / "templates"), str(build / "generator" / "site" / "overrides")]
