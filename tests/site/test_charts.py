"""Charts: static, accessible, deterministic SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site import charts

SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure: str) -> ET.Element:
    start = figure.index("<svg")
    return ET.fromstring(figure[start : figure.index("</svg>") + 6])


def test_coverage_counts_every_day_between_first_and_last():
    counts = charts.coverage_counts(["2031-03-06", "2031-03-04", "2031-03-06"])
    assert counts == [("4 Mar", "4 March 2031", 1), ("5 Mar", "5 March 2031", 0), ("6 Mar", "6 March 2031", 2)]
    long_span = charts.coverage_counts(["2031-01-01", "2031-03-30"])
    assert long_span[0][1].startswith("week of") and len(long_span) <= 14


def test_coverage_chart_is_accessible_svg_without_script():
    figure = charts.coverage(["2031-03-04", "2031-03-06", "2031-03-06"], "c1", "a <b>story</b>")
    svg = _svg(figure)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Coverage of a <b>story</b> over time"
    assert "6 March 2031: 2" in svg.find(f"{SVG}desc").text
    assert len(svg.findall(f"{SVG}rect")) == 3
    assert "<script" not in figure and "http://" not in figure.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert charts.coverage(["2031-03-04", "2031-03-04"], "c2", "x") is None
    assert "Articles per day" in figure


def test_coverage_over_a_long_span_says_it_counts_weeks():
    figure = charts.coverage(["2031-01-01", "2031-03-30"], "c3", "x")
    assert "Articles per week" in figure and "Articles per day" not in figure


def test_network_draws_key_players_joined_by_shared_articles():
    nodes = [charts.Node("a", "Ann <A>", 3), charts.Node("b", "Bob", 2), charts.Node("c", "Cy", 1), charts.Node("d", "Lonely", 1)]
    figure = charts.network(nodes, [("a", "b", 2), ("a", "c", 1), ("b", "c", 0), ("a", "d", 0), ("b", "d", 0), ("c", "d", 0)], "n1", "x")
    svg = _svg(figure)
    assert len(svg.findall(f"{SVG}circle")) == 3  # the lonely one is left out
    assert len(svg.findall(f"{SVG}line")) == 2
    assert [t.text for t in svg.findall(f"{SVG}text")] == ["Ann <A>", "Bob", "Cy"]
    assert "Ann <A> and Bob: 2 articles" in svg.find(f"{SVG}desc").text
    assert figure == charts.network(nodes, list(reversed([("a", "b", 2), ("a", "c", 1)])), "n1", "x")
    assert charts.network(nodes[:2], [("a", "b", 1)], "n2", "x") is None
