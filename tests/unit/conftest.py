"""Shared inputs for the whole-build tests: a small folder of news written for these tests."""

from __future__ import annotations

import json

import pytest

NEWS_FILES: dict[str, str | bytes] = {
    "01_derna_wire.txt": (
        "Libya floods: Derna death toll passes 5,000\n\n"
        "DERNA, Libya, Sept 13 (Reuters) - Floodwaters from two collapsed dams swept through Derna in eastern Libya, "
        "killing more than 5,000 people, officials said on Wednesday.\n\n"
        "Rescue teams from Egypt and Turkey searched the mud for survivors as thousands remained missing in the coastal city.\n\n"
        "Storm Daniel dumped record rain on the Jebel Akhdar mountains before the dams above Derna burst.\n"
    ),
    "02_derna_gulf.md": (
        "# Thousands missing after dams burst in Derna\n\n"
        "Thousands of people are missing in Derna after two dams burst during Storm Daniel, sending a wall of water "
        "through the Libyan city, Al Jazeera reported on Thursday.\n\n"
        "Rescuers recovered more bodies from the sea and the mud, and the death toll rose above 5,000.\n\n"
        "Aid from Egypt, Turkey and the United Arab Emirates arrived at Benghazi airport.\n"
    ),
    "03_bok.txt": (
        "Bank of Korea holds key rate at 3.5 percent\n\n"
        "SEOUL, Sept 14 (Yonhap) - The Bank of Korea kept its benchmark interest rate at 3.5 percent on Thursday, "
        "as inflation slowed and household debt kept rising.\n\n"
        "Governor Rhee Chang-yong said the central bank would watch property prices in Seoul before any cut.\n"
    ),
    "04_items.jsonl": "\n".join(json.dumps(item, ensure_ascii=False) for item in [
        {"title": "Typhoon Yagi floods Hanoi streets", "date": "2024-09-09",
         "text": "Typhoon Yagi flooded the streets of Hà Nội on Monday as the Red River rose to its highest level in two decades. "
                 "Deputy Prime Minister Trần Hồng Hà ordered residents of low-lying districts to leave their homes."},
        {"title": "Lagos fuel queues lengthen", "date": "2024-09-10",
         "text": "Fuel queues stretched for kilometres across Lagos on Tuesday after the state oil company raised petrol prices. "
                 "Nigeria Labour Congress leader Joe Ajaero said workers could not afford the new prices."},
    ]) + "\n",
    "05_bogota.txt": (
        "Bogotá rations water as reservoirs dry up\n\n"
        "BOGOTÁ - Mayor Carlos Fernando Galán announced on Thursday that water rationing would continue in Bogotá until "
        "the Chingaza reservoirs recover, as the drought linked to El Niño dragged on.\n"
    ).encode("latin-1"),
    "06_copy.txt": None,  # replaced below: an exact copy of 03
    "07_empty.txt": b"",
    "08_image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
}
NEWS_FILES["06_copy.txt"] = NEWS_FILES["03_bok.txt"]


@pytest.fixture(scope="session")
def news_files() -> dict[str, str | bytes]:
    """A small input folder's files: two reports of one story, other stories, a duplicate, bad files."""
    return dict(NEWS_FILES)


@pytest.fixture(scope="session")
def news_folder(tmp_path_factory, news_files):
    """The news files written once into a folder for the whole session."""
    from tests.conftest import write_files

    return write_files(tmp_path_factory.mktemp("news") / "input", news_files)


@pytest.fixture(scope="session")
def news_digest(news_folder, tmp_path_factory):
    """The Digest of the news folder, built once, serially."""
    from generator import pipeline
    from tests.conftest import make_settings

    return pipeline.build_digest(make_settings(news_folder, tmp_path_factory.mktemp("docs") / "docs"))
