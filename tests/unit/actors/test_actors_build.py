"""actors.build: sources and demonyms set aside, spellings merged, canonical names, variants,
roles, quotes and related actors; the same input always gives the same index."""

from __future__ import annotations

from collections import Counter

import pytest

from generator import actors
from generator.actors import types
from generator.analyse import analyse_batch
from generator.model import Analysis, Article, Mention, QuoteRef, Sentence
from generator.settings import ActorSettings, Settings

STORIES = [
    ("abuja", "Tinubu defends fuel subsidy cut", (
        "ABUJA (Reuters) - President Bola Tinubu defended the end of the fuel subsidy on Monday, Nigerian officials said.",
        '"We will protect the poorest households from rising prices," Tinubu said in a televised address.',
        "Finance Minister Wale Edun said the savings would pay for new roads and rail lines.",
    )),
    ("lagos", "Unions threaten strike over petrol prices", (
        "Mr Tinubu met union leaders in Lagos on Tuesday, Channels Television reported.",
        "Joe Ajaero, the president of the Nigeria Labour Congress, said workers would strike next week.",
    )),
    ("seoul", "Samsung heir cleared by Seoul court", (
        "Samsung Electronics Chairman Lee Jae-yong was cleared of fraud charges on Monday, Yonhap news agency reported.",
        "His late father Lee Kun-hee led the company for nearly three decades.",
    )),
    ("kyiv", "Zelensky in Ankara", (
        '"We will not give up a single metre of our land," Volodymyr Zelensky said in Ankara on Tuesday.',
    )),
    ("dhaka", None, (
        "Sheikh Hasina (born Hasina Wazed) left Dhaka by helicopter on Monday as protesters stormed her residence.",
    )),
]


def make_articles() -> list[Article]:
    return [
        Article(id=i, source=f"{i}.txt", part=1, start=0, end=1, title=t, date=None, date_basis=None, standfirst=(), paragraphs=p)
        for i, t, p in STORIES
    ]


@pytest.fixture(scope="module")
def built():
    articles = make_articles()
    analyses = analyse_batch(articles, Settings())
    return articles, analyses, actors.build(articles, analyses, ActorSettings())


@pytest.fixture(scope="module")
def index(built):
    return built[2]


def actor(index, actor_id: str):
    return next(a for a in index.actors if a.id == actor_id)


def entry(index, article_id: str):
    return next(e for e in index.by_article if e.article_id == article_id)


def test_credited_sources_are_not_actors(index):
    assert entry(index, "abuja").credited == ("Reuters",)
    assert entry(index, "lagos").credited == ("Channels Television",)
    assert entry(index, "seoul").credited == ("Yonhap news agency",)
    names = {a.name for a in index.actors}
    assert not names & {"Reuters", "Channels Television", "Yonhap", "Yonhap news agency"}


def test_demonyms_are_not_actors(index):
    assert "Nigerian" not in {a.name for a in index.actors}
    assert not any("Nigerian" in v for a in index.actors for v in a.variants)


def test_canonical_name_is_the_fullest_written_and_variants_keep_titles(index):
    tinubu = actor(index, "bola-tinubu")
    assert tinubu.name == "Bola Tinubu"
    assert tinubu.variants == ("Bola Tinubu", "Mr Tinubu", "President Bola Tinubu", "Tinubu")
    assert tinubu.articles == ("abuja", "lagos")
    assert tinubu.type == "person"


def test_a_birth_name_in_brackets_is_one_actor(index):
    hasina = [a for a in index.actors if "Sheikh Hasina" in a.variants]
    assert len(hasina) == 1
    assert set(hasina[0].variants) == {"Hasina", "Hasina Wazed", "Sheikh Hasina"}


def test_father_and_son_stay_two_actors(index):
    assert actor(index, "lee-jae-yong").variants == ("Chairman Lee Jae-yong", "Lee Jae-yong")
    assert actor(index, "lee-kun-hee").variants == ("Lee Kun-hee",)


def test_roles_come_from_apposition(index):
    ajaero = actor(index, "joe-ajaero")
    assert ajaero.role == "president of the Nigeria Labour Congress"
    assert ajaero.roles == ("president of the Nigeria Labour Congress",)


def test_quotes_are_attributed_to_the_merged_actor(index):
    assert actor(index, "volodymyr-zelensky").quotes == (
        QuoteRef("kyiv", "We will not give up a single metre of our land", 1),
    )


def test_a_quote_in_a_later_paragraph_is_attributed(index):
    assert [q.text for q in actor(index, "bola-tinubu").quotes] == ["We will protect the poorest households from rising prices"]


def test_related_actors_are_those_named_in_the_same_articles(index):
    assert actor(index, "bola-tinubu").related == ("joe-ajaero", "lagos", "nigeria-labour-congress", "wale-edun")
    assert actor(index, "wale-edun").related == ("bola-tinubu",)


def test_related_actors_are_capped(built):
    articles, analyses, _ = built
    capped = actors.build(articles, analyses, ActorSettings(related_max=1))
    assert actor(capped, "bola-tinubu").related == ("joe-ajaero",)


def test_actors_are_ordered_by_mentions_then_id(index):
    keys = [(-a.mentions, a.id) for a in index.actors]
    assert keys == sorted(keys)
    assert len({a.id for a in index.actors}) == len(index.actors)


def test_one_entry_per_article_in_digest_order(index):
    assert [e.article_id for e in index.by_article] == [s[0] for s in STORIES]
    assert entry(index, "abuja").main == ("bola-tinubu", "wale-edun")
    assert entry(index, "abuja").mentions == (3, 1)


def test_every_listed_actor_exists(index):
    ids = {a.id for a in index.actors}
    assert {i for e in index.by_article for i in e.main} <= ids
    assert {i for a in index.actors for i in a.related} <= ids


def test_same_input_twice_gives_an_equal_index(built):
    articles, analyses, index = built
    again = actors.build(articles, analyses, ActorSettings())
    assert again == index
    reparsed = analyse_batch(make_articles(), Settings())
    assert actors.build(make_articles(), reparsed, ActorSettings()) == index


def test_an_actor_takes_the_type_its_spellings_vote_for_together():
    # one spelling alone leans to an organisation, the other (with a person's title) outvotes it
    def mention(name, label, title=None):
        return Mention(text=f"{title} {name}" if title else name, name=name, label=label, sentence=0, zone="body", title=title)

    analyses = [
        Analysis("a", (Sentence("x", "body", 0),), (mention("Okafor", "ORG"), mention("Okafor", "ORG")), (), (), ()),
        Analysis("b", (Sentence("x", "body", 0),), (mention("Maria Okafor", "PERSON", "Senator"), mention("Okafor", "PERSON")), (), (), ()),
    ]
    articles = [
        Article(id=a.article_id, source=f"{a.article_id}.txt", part=1, start=0, end=1, title=None, date=None, date_basis=None, standfirst=(), paragraphs=("x",))
        for a in analyses
    ]
    names, _ = actors._names(analyses, "en")
    alone = next(n for n in names if n.article == 0)
    assert alone.kind == types.decide(alone.votes) == "organization"
    index = actors.build(articles, analyses, ActorSettings())
    (okafor,) = [a for a in index.actors if "Okafor" in a.name]
    assert okafor.type == types.decide(sum((n.votes for n in names), Counter())) == "person"
