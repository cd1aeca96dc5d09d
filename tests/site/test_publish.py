"""Publish: the docs folder and the site are replaced whole, or not at all."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re

import pytest

from generator import publish, render
from generator.errors import PublishError
from generator.site import atomic
from tests.site.conftest import build, make_settings, tree
from tests.site.factory import make_digest

ARTICLE = "articles/city-council-2031-03-06-council-notice/index.html"


def _siblings(folder):
    return sorted(p.name for p in folder.iterdir())


def test_hand_written_pages_are_kept_and_stale_generated_ones_go(tmp_path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "stale.md").write_text("old")
    (docs / "tags").mkdir()
    (docs / "tags" / "old-tag.md").write_text("from an older build")
    (docs / ".staging-x1").mkdir()
    (docs / "about.md").write_text("# About\n\nHand-written.\n")
    (docs / "notes").mkdir()
    (docs / "notes" / "method.md").write_text("# Method\n")
    build(make_digest(), make_settings(tmp_path))
    assert (docs / "about.md").read_text() == "# About\n\nHand-written.\n"
    assert (docs / "notes" / "method.md").read_text() == "# Method\n"
    assert not (docs / "articles" / "stale.md").exists() and not (docs / "tags").exists()
    assert not (docs / ".staging-x1").exists()
    assert (docs / "digest.json").is_file() and (docs / "topics" / "index.md").is_file()
    assert _siblings(tmp_path) == ["docs"]


def test_a_new_empty_docs_folder_gets_a_site_with_every_nav_page(tmp_path):
    root = tmp_path / "fresh"
    settings = make_settings(root, site=root / "site", search=False)
    build(make_digest(), settings)
    about = (root / "docs" / "about.md").read_text()
    assert about.startswith(publish.GENERATED_MARK)
    html = (root / "site" / "index.html").read_text()
    tabs = re.findall(r'<a href="[^"]*" class="md-tabs__link">\s*(.*?)\s*</a>', html)
    assert tabs == ["Digest", "Topics", "Actors", "Articles", "Key phrases", "Archive", "About"]
    # A generated About page is generated again; once its mark is removed it is the user's.
    (root / "docs" / "about.md").write_text(about.replace("# About this digest", "# Changed"))
    build(make_digest(), settings)
    assert "# About this digest" in (root / "docs" / "about.md").read_text()
    (root / "docs" / "about.md").write_text("---\ntitle: Mine\n---\n# Mine\n")
    build(make_digest(), settings)
    assert (root / "docs" / "about.md").read_text() == "---\ntitle: Mine\n---\n# Mine\n"
    assert _siblings(root) == ["docs", "site"]


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "notes.md", "articles/../../x.md", "topics/./x.md", "a\\b.md"])
def test_refuses_to_write_outside_the_generated_part(tmp_path, path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("previous")
    with pytest.raises(PublishError):
        publish.publish([(path, "x")], "{}", make_settings(tmp_path))
    assert (docs / "index.md").read_text() == "previous"
    assert _siblings(tmp_path) == ["docs"]


def test_lazily_rendered_pages_are_written_as_they_come_and_match_the_rendered_dict(tmp_path):
    settings = make_settings(tmp_path)
    digest = make_digest()
    taken = []

    def lazily():
        for path, text in render.pages(digest, settings, ()):
            taken.append(path)
            yield path, text

    publish.publish(lazily(), "{}", settings, digest.generated)
    expected = render.render(digest, settings, ())
    assert sorted(taken) == sorted(expected)
    assert {path: (tmp_path / "docs" / path).read_text("utf-8") for path in expected} == expected


def test_two_pages_on_one_path_fail_and_change_nothing(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("previous")
    with pytest.raises(PublishError, match="share the path"):
        publish.publish([("topics/a.md", "one"), ("topics/a.md", "two")], "{}", make_settings(tmp_path))
    assert (docs / "index.md").read_text() == "previous"
    assert _siblings(tmp_path) == ["docs"]


def test_a_failed_build_changes_nothing_and_leaves_nothing(tmp_path):
    root = tmp_path / "out"
    settings = make_settings(root, site=root / "site", search=False)
    build(make_digest(), settings)
    before_docs, before_site = tree(root / "docs"), tree(root / "site")
    broken = tmp_path / "broken.yml"
    broken.write_text("site_name: [unclosed\n")
    with pytest.raises(PublishError, match="mkdocs build failed"):
        build(make_digest(edition="2031-03-07"), make_settings(root, site=root / "site", mkdocs_config=broken))
    invalid = tmp_path / "invalid.yml"
    invalid.write_text("site_name: T\ntheme:\n  name: no-such-theme\n")
    with pytest.raises(PublishError):
        build(make_digest(edition="2031-03-07"), make_settings(root, site=root / "site", mkdocs_config=invalid))
    assert tree(root / "docs") == before_docs and tree(root / "site") == before_site
    assert _siblings(root) == ["docs", "site"]


def test_leftovers_of_a_killed_build_are_removed(tmp_path):
    (tmp_path / f"{atomic.PREFIX}docs.new-0000").mkdir()
    (tmp_path / f"{atomic.PREFIX}site.old-1111").mkdir()
    (tmp_path / f"{atomic.PREFIX}site.old-1111" / "index.html").write_text("x")
    (tmp_path / ".unrelated").mkdir()
    build(make_digest(), make_settings(tmp_path, site=tmp_path / "site", search=False))
    assert _siblings(tmp_path) == [".unrelated", "docs", "site"]


def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    if not atomic.exchange(a, b):
        pytest.skip("renameat2 is not available here")  # the fallback is covered by the other tests
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "one", tmp_path / "two"
    build(make_digest(), make_settings(first, site=first / "site"))
    build(make_digest(), make_settings(second, site=second / "site"))
    assert tree(first / "docs") == tree(second / "docs")
    assert tree(first / "site") == tree(second / "site")
    assert any(name.startswith("pagefind/") for name in tree(first / "site"))


def test_a_rebuild_takes_unchanged_generated_pages_from_the_previous_site_unless_told_not_to(tmp_path):
    settings = make_settings(tmp_path, site=tmp_path / "site", search=False, use_cache=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n\nHand-written.\n")
    build(make_digest(), settings)
    first = tree(tmp_path / "site")

    def inode(page: str) -> int:
        return (tmp_path / "site" / page).stat().st_ino

    article, about = inode(ARTICLE), inode("about/index.html")
    build(make_digest(), settings)
    assert tree(tmp_path / "site") == first
    assert inode(ARTICLE) == article  # the same file, taken from the previous site
    assert inode("about/index.html") != about  # a hand-written page may link anywhere: rendered again
    build(make_digest(hostile="A calmer council notice"), settings)
    assert "A calmer council notice" in (tmp_path / "site" / ARTICLE).read_text()
    article = inode(ARTICLE)
    build(make_digest(hostile="A calmer council notice"), dataclasses.replace(settings, io=dataclasses.replace(settings.io, use_cache=False)))
    assert inode(ARTICLE) != article


def test_hostile_text_is_text_in_the_built_html(built_site):
    html = (built_site / "site" / ARTICLE).read_text()
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert title.startswith("Council notice &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if %} | [click](javascript:alert(2)) *bold* # not a heading")
    assert "<script>alert" not in html and 'href="javascript' not in html.lower()
    assert "The notice read &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if %} | [click](javascript:alert(2))" in html
    assert "<title>Council notice &lt;script&gt;alert(1)&lt;/script&gt;" in html
    for page in (built_site / "site").rglob("*.html"):
        text = page.read_text()
        assert "<script>alert" not in text and "<strong>bold</strong>" not in text, page


def test_pages_load_nothing_from_other_hosts(built_site):
    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text()
        loads = re.findall(r'<(?:script|img|iframe|source)[^>]+src="([^"]+)"|<link[^>]+href="([^"]+)"', html)
        for url in filter(None, (a or b for a, b in loads)):
            assert not re.match(r"^(https?:)?//", url), (page, url)
    for sheet in (built_site / "site" / "assets").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text()), sheet


def test_meta_descriptions_come_from_the_summary(built_site):
    html = (built_site / "site" / "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/index.html").read_text()
    assert '<meta name="description" content="Dockers in Valmora kept the port closed for a second week. Exports fell by half' in html


def test_search_indexes_leads_actors_and_phrases_but_not_full_text(built_site):
    site = built_site / "site"
    assert (site / "pagefind" / "pagefind-ui.js").is_file()
    topic = (site / "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/index.html").read_text()
    assert topic.count("data-pagefind-body") >= 4
    assert "data-pagefind-body" not in (site / "articles/index.html").read_text()
    contents = []
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        contents.append(json.loads(data[data.index(b"{"):]))
    urls = {c["url"] for c in contents}
    assert "/topics/valmora-dockers-keep-the-port-shut-as-talks-stall/" in urls and "/actors/lena-varga/" in urls
    assert any(url.startswith("/articles/") and url != "/articles/" for url in urls)
    assert "/articles/" not in urls and "/" not in urls
    text = " ".join(c["content"] for c in contents)
    assert "Lena Varga" in text and "port strike" in text
    assert "Ships are waiting outside the harbour" not in text  # the article text itself


def test_search_reads_the_sections_whose_templates_mark_text_for_search():
    from generator.render import templates_dir
    from generator.site import search

    pages = (path for path in templates_dir().glob("*.md.j2") if not path.name.startswith("_"))
    marked = {path.name for path in pages if "data-pagefind-body" in path.read_text("utf-8")}
    assert marked == {f"{section.removesuffix('s')}.md.j2" for section in search.INDEXED_SECTIONS}


def test_sitemap_lists_pages_when_a_site_url_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://news.example.org/")
    build(make_digest(), make_settings(tmp_path, site=tmp_path / "site", search=False))
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert "<loc>https://news.example.org/topics/valmora-dockers-keep-the-port-shut-as-talks-stall/</loc>" in sitemap
    feed = (tmp_path / "docs" / "feed.xml").read_text()
    assert "<link>https://news.example.org/topics/" in feed


def test_every_internal_link_of_the_site_resolves(built_site):
    site = built_site / "site"
    for page in site.rglob("*.html"):
        html = page.read_text()
        for href in re.findall(r'href="([^"#?]*)(?:#([^"]*))?"', html):
            url, anchor = href
            if re.match(r"^[a-z]+:", url) or url.startswith("//"):
                continue
            base = site if url.startswith("/") else page.parent
            target = (base / url.lstrip("/")).resolve() if url else page
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), (page, url)
            if anchor and target.suffix == ".html":
                assert f'id="{anchor}"' in target.read_text(), (page, url, anchor)
