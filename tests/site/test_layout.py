"""Layout: human, stable URLs and pages only for what a reader needs."""

from __future__ import annotations

import dataclasses
import posixpath

from generator.site import layout
from tests.site.factory import make_digest


def test_topic_urls_come_from_headlines_and_article_urls_from_ids():
    plan = layout.plan(make_digest())
    assert plan.topics["port-strike"] == "topics/valmora-dockers-keep-the-port-shut-as-talks-stall.md"
    assert plan.articles["valmora-port-strike-hits-exports"] == "articles/valmora-port-strike-hits-exports.md"
    assert layout.page_url(plan.topics["port-strike"]) == "topics/valmora-dockers-keep-the-port-shut-as-talks-stall/"


def test_actor_pages_only_for_recurring_actors_or_key_players():
    plan = layout.plan(make_digest())
    # Lena Varga, the port authority and Valmora are the key players and place of a story three
    # articles tell; the guild and the council are named by one article each: their names stay
    # on the pages of those articles.
    assert set(plan.actors) == {"lena-varga", "port-authority", "valmora"}
    digest = make_digest()
    lonely = dataclasses.replace(digest.actors[-1], id="nobody", articles=(digest.articles[3].article.id,))
    plan = layout.plan(dataclasses.replace(digest, actors=digest.actors + (lonely,)))
    assert "nobody" not in plan.actors
    recurring = dataclasses.replace(lonely, id="recurring", articles=tuple(e.article.id for e in digest.articles[:3]))
    assert "recurring" in layout.plan(dataclasses.replace(digest, actors=digest.actors + (recurring,))).actors


def test_phrase_pages_only_for_phrases_shared_by_three_articles_case_blind():
    plan = layout.plan(make_digest())
    assert set(plan.phrases) == {"port strike"}  # "union" is in two articles only
    assert plan.phrase_articles["port strike"] == (
        "coast-wire-2031-03-04-port-strike-enters-second-week",
        "harbour-daily-2031-03-05-port-authority-and-union-meet",
        "valmora-port-strike-hits-exports",
    )
    assert plan.phrase_names["port strike"] == "port strike"


def test_clashing_slugs_are_settled_the_same_way_whatever_the_order():
    digest = make_digest()
    same = tuple(dataclasses.replace(t, headline="Same headline") for t in digest.topics)
    first = layout.plan(dataclasses.replace(digest, topics=same)).topics
    second = layout.plan(dataclasses.replace(digest, topics=tuple(reversed(same)))).topics
    assert first == second
    assert sorted(first.values()) == ["topics/same-headline-2.md", "topics/same-headline-3.md", "topics/same-headline.md"]


def test_links_between_pages():
    assert layout.relative("articles/x.md", "topics/y.md") == "../articles/x.md"
    assert layout.relative_url("articles/x.md", "topics/y.md") == "../../articles/x/"
    assert layout.relative_url("index.md", "articles/index.md") == "../"
    assert layout.relative_url("topics/index.md", "index.md") == "topics/"


def test_relative_urls_agree_with_posixpath_between_any_two_pages():
    pages = ["index.md", "about.md", "topics/index.md", "topics/a.md", "articles/a-b.md", "actors/x.md", "archive/2026-01-01/index.md"]
    for target in pages + ["assets/chart.svg"]:
        for page in pages:
            here = layout.page_url(page)
            url = layout.page_url(target) if target.endswith(".md") else target
            expected = posixpath.relpath(url or ".", here.rstrip("/") or ".")
            assert layout.relative_url(target, page).removesuffix("/") == expected, (target, page)
