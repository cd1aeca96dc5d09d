"""Guards for every reader test: no network, and a spy on what the readers open."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: the readers never go online."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"a reader tried to open a network connection: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Every path passed to os.open or os.scandir while the test runs, resolved."""
    seen: list[Path] = []
    real_open, real_scandir = os.open, os.scandir

    def spy_open(path, *args, **kwargs):
        seen.append(Path(os.path.realpath(path)))
        return real_open(path, *args, **kwargs)

    def spy_scandir(path="."):
        seen.append(Path(os.path.realpath(path)))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "scandir", spy_scandir)
    return seen


@pytest.fixture
def folder(tmp_path) -> Path:
    """An empty input folder."""
    path = tmp_path / "input"
    path.mkdir()
    return path


@pytest.fixture
def write(folder):
    """write(name, content): a file below the input folder, parents created; str is UTF-8."""

    def write_file(name: str, content: bytes | str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write_file
