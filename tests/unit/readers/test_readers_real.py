"""Real pages and feeds from the trafilatura, htmldate and feedparser test suites.

Every expected value below was read off the fixture file by hand (its <head>, byline, feed
elements), not copied from the readers' output; see tests/fixtures/real/SOURCES.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model import Source
from generator.readers import READERS, read_folder

REAL = Path(__file__).resolve().parents[2] / "fixtures" / "real"
FIELDS = ("title", "date", "url", "outlet")
# The measurement's floors: every real article page must be read, the metadata and the chosen
# sentences must come through, and none of the chosen boilerplate strings may.
MIN_FIELD_ACCURACY = 1.0
MIN_BODY_RECALL = 1.0
MAX_BOILERPLATE_LEAKAGE = 0.0


@dataclass(frozen=True)
class Expected:
    """What a fixture states, and strings picked from its body and from its furniture."""

    file: str
    item: int
    title: str | None
    date: str | None
    url: str | None
    outlet: str | None
    body: tuple[str, ...]
    boilerplate: tuple[str, ...]


PAGES = (
    Expected(
        "html/netzpolitik.org.abmahnungen.html", 0,
        title="Die Cider Connection: Abmahnungen gegen Nutzer von Creative-Commons-Bildern",
        date="2016-06-23",
        url="https://netzpolitik.org/2016/die-cider-connection-abmahnungen-gegen-nutzer-von-creative-commons-bildern/",
        outlet="netzpolitik.org",
        body=(
            "Philipp H. und Lutz S. wohnen beide in Kiel, kommen beide ursprünglich aus Hildesheim, "
            "gehen beide dort auf das selbe Gymnasium.",
            "Deswegen schauen wir am Montag um 11 Uhr morgens selbst vorbei.",
            "Das Geschäftsmodell der Cider Connection ist nicht illegal, sagen uns mehrere Anwälte.",
            "Wer abgemahnt wurde, sollte in jedem Fall einen Anwalt konsultieren, sagt Jaeger.",
        ),
        boilerplate=(
            "Dossiers & Recherchen",  # top navigation
            "Vorheriger Beitrag",  # post navigation
            "Unsere Lesetipps",  # related articles
            "Gerichtsurteil schränkt private Videoüberwachung deutlich ein",  # related headline
            "selber blöd, wer bis dato noch nicht geschnallt hat",  # a reader comment
            "Meinen Namen, E-Mail und Website in diesem Browser speichern.",  # comment form
            "Markus Reuter beschäftigt sich mit den Themen Digital Rights",  # author box
            "Die von uns verfassten Inhalte stehen, soweit nicht anders vermerkt",  # footer
        ),
    ),
    Expected(
        "html/wikimediafoundation.org.turkey.html", 0,
        title="Access to Wikipedia restored in Turkey after more than two and a half years",
        date="2020-01-15",
        url="https://wikimediafoundation.org/news/2020/01/15/"
        "access-to-wikipedia-restored-in-turkey-after-more-than-two-and-a-half-years/",
        outlet="Wikimedia Foundation",
        body=(
            "We are thrilled that the people of Turkey will once again be able to participate in the "
            "largest global conversation about the culture and history of Turkey online",
            "More than 85 percent of the articles on Wikipedia are in languages other than English",
            "With the decision today, our editors in Turkey will once again be able to fully participate "
            "in sharing and contributing to free knowledge online.",
        ),
        boilerplate=(
            "Skip to navigation",
            "Toggle search",
            "Donate now",
            "Careers Contact Press",
            "The Wikimedia Foundation, Inc is a nonprofit charitable organization",
        ),
    ),
    Expected(
        "html/verfassungsblog.de.decade.html", 0,
        title="The First Decade",
        date="2019-07-13",
        url="https://verfassungsblog.de/the-first-decade/",
        outlet="Verfassungsblog",
        body=(
            'Ten years have passed since I set up a small WordPress website with the name "Verfassungsblog" '
            "in the summer of 2009",
            "8 August 2009: the first proper blog post (everything before was just fooling around).",
            "27 January 2010: The US Supreme Court hands down its decision on Citizens United.",
        ),
        boilerplate=(
            "ON MATTERS CONSTITUTIONAL",  # site header
            "LICENSED UNDER CC BY NC ND",  # licence box
            "SUGGESTED CITATION",
            "Related Posts",
            "RiBVerfG Masing: Preliminary Analysis of the Google Decision of the CJEU",
            "Seven Decades of the Grundgesetz",  # a reader comment
            "Antworten",  # comment reply links
        ),
    ),
    Expected(
        "html/blog.wikimedia.interactivemaps.html", 0,
        title="Interactive maps, now in your language",
        date="2018-06-28",
        url="https://blog.wikimedia.org/2018/06/28/interactive-maps-now-in-your-language/",
        outlet="Wikimedia Blog",
        body=(
            "Imagine you needed to learn about a foreign land, but the only map you had was written in a "
            "mysterious script you couldn’t read.",
            "In the weeks since we released internationalized maps to all wiki projects, users have already "
            "placed more than 60,000 new mapframe maps on wiki pages.",
            "Joe Matazzoni is a product manager at the Wikimedia Foundation.",
        ),
        boilerplate=(
            "Search for:",
            "Get our email updates",
            "Meet the scientist working to increase the number of underrepresented scientists",
            "Most viewed",
            "We’ve updated the posts. Thank you for your comments here!",  # a reader comment
            "This work is licensed under a Creative Commons Attribution 3.0 unported license",  # footer
        ),
    ),
)  # fmt: skip

ATOM_FEED = "feeds/large_atom_feed_that_needs_css_sanitisation.xml"
ATOM_TITLE = "Все для Nokia 5800 XM Nokia N97 Samsung i8910 Omnia HD : Программы, игры, темы, свежие новости и советы"
MARKUP = ("<", "style=", "background-image", "text-align", "rutube.ru", "savecase.ru/downloads")
FEED_ITEMS = (
    Expected(
        ATOM_FEED, 1,
        title="Невидимая броня для Вашего Nokia 5800",
        date="2009-09-09",
        url="http://touchnokia.ru/2009/09/nevidimaja-bronja-dlja-vashego-nokia-5800.html",
        outlet=ATOM_TITLE,
        body=(
            "Вы из тех, кто хотел бы защитить корпус и дисплей своего девайса от царапин и грязи, но при "
            "этом не хотели бы нарушать эстетику дизайна девайса, например, чехлом?",
            "Описание с официального сайта www.savecase.ru:",
        ),
        boilerplate=MARKUP,
    ),
    Expected(
        ATOM_FEED, 15,
        title="Программы для Nokia 5800 и Nokia N97: MobileAgent v.1.51",
        date="2009-05-27",
        url="http://touchnokia.ru/2009/05/programmi-dlja-nokia-5800-i-nokia-n97-mobileagent-v151.html",
        outlet=ATOM_TITLE,
        body=("Одновременная работа в агенте, аське и Jabber/GTalk",),
        boilerplate=MARKUP,
    ),
    Expected(
        "feeds/koi8r.xml", 1,
        title="Как пережить новогоднюю ночь",
        date=None,
        url=None,
        outlet=None,
        body=(
            "Наверное, единственное, во что сегодня можно верить безоговорочно, так это в то, что Новый год "
            "обязательно наступит.",
            'приведу несколько "праздничных" правил застольной безопасности.',
        ),
        boilerplate=("&quot;", "ëÁË"),  # an entity left undecoded; KOI8-R read as Windows-1252
    ),
    Expected(
        "feeds/rss2.0NSwithModules.xml", 1,
        title="Test Item - RSS2.0 w/ NS",
        date="2002-09-28",
        url="http://www.pocketsoap.com/weblog/rssTests/rss2.0NSwithModules.xml#1",
        outlet="RSS Tests - RSS2.0 w/ NS",
        body=("This is a fairly standard RSS 2.0 feed, it uses a few modules,",),
        boilerplate=("Copyright 2002 Simon Fell",),  # channel element, not item text
    ),
)  # fmt: skip
CASES = PAGES + FEED_ITEMS


def read_item(expected: Expected) -> Source | None:
    """The Source the readers make of one fixture item, or None when the file is refused."""
    path = REAL / expected.file
    output = READERS[path.suffix](path.read_bytes(), path.name)
    return next((source for source in output.sources if source.item == expected.item), None)


@pytest.mark.parametrize("expected", CASES, ids=lambda case: f"{Path(case.file).name}#{case.item}")
def test_real_fixture(expected: Expected):
    source = read_item(expected)
    assert source is not None
    for field in FIELDS:
        assert getattr(source.meta, field) == getattr(expected, field), field
    flat = " ".join(source.text.split())
    for sentence in expected.body:
        assert " ".join(sentence.split()) in flat
    for furniture in expected.boilerplate:
        assert furniture not in source.text


def test_real_pages_through_read_folder():
    result = read_folder(REAL / "html", max_bytes=1_000_000, strict=True)
    assert [record.status for record in result.records] == ["read"] * len(PAGES)
    assert all(source.text.count("\n\n") >= 5 for source in result.sources)  # paragraphs kept


def test_real_feeds_through_read_folder():
    result = read_folder(REAL / "feeds", max_bytes=1_000_000, strict=True)
    counts = {record.source: sum(s.path == record.source for s in result.sources) for record in result.records}
    assert counts == {Path(ATOM_FEED).name: 15, "koi8r.xml": 1, "rss2.0NSwithModules.xml": 1}
    assert next(r for r in result.records if r.source == "koi8r.xml").encoding == "koi8_r"


def measure(cases: tuple[Expected, ...]) -> dict[str, float]:
    """Share of items read, per-field accuracy, body recall and boilerplate leakage."""
    sources = [(case, read_item(case)) for case in cases]
    read = [(case, source) for case, source in sources if source is not None]
    scores = {"read": len(read) / len(cases)}
    for field in FIELDS:
        scores[field] = sum(getattr(s.meta, field) == getattr(c, field) for c, s in read) / len(cases)
    flat = {id(source): " ".join(source.text.split()) for _, source in read}
    sentences = [(s, sentence) for c, s in read for sentence in c.body]
    found = sum(" ".join(sentence.split()) in flat[id(source)] for source, sentence in sentences)
    scores["body recall"] = found / sum(len(case.body) for case in cases)
    furniture = [(s, text) for c, s in read for text in c.boilerplate]
    scores["boilerplate leakage"] = sum(text in s.text for s, text in furniture) / len(furniture)
    return scores


@pytest.mark.parametrize(("label", "cases"), [("pages", PAGES), ("feed items", FEED_ITEMS)])
def test_measurement(label, cases):
    scores = measure(cases)
    print(f"real {label}: " + ", ".join(f"{name} {value:.0%}" for name, value in scores.items()))  # -s shows it
    assert scores["read"] == 1.0
    assert min(scores[field] for field in FIELDS) >= MIN_FIELD_ACCURACY
    assert scores["body recall"] >= MIN_BODY_RECALL
    assert scores["boilerplate leakage"] <= MAX_BOILERPLATE_LEAKAGE
