"""HTML fragments (feed items, JSON Lines "html" fields) to plain text with paragraph breaks."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

# Each of these starts and ends a paragraph; text inside any other element runs on.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "ol", "p", "pre", "section", "table", "tr", "ul",
    }
)  # fmt: skip
# Table cells sit on one line, separated by a space.
CELL_TAGS = frozenset({"td", "th"})
# Never text for a reader: code, styling, embedded objects, the document head.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head")
# Parse bytes, not str: lxml refuses a str that carries an XML encoding declaration.
PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment or page: one paragraph per block element, blank lines between."""
    if not fragment.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(fragment.encode("utf-8", errors="replace"), parser=PARSER)
    except etree.ParserError:  # nothing but markup that holds no element
        return ""
    for element in list(root.iter(*DROPPED_TAGS)):
        element.drop_tree()  # keeps the element's tail text
    paragraphs = _paragraphs(root)
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip())


def _paragraphs(root: lxml.html.HtmlElement) -> list[str]:
    # Walked with iterwalk, not recursion: deeply nested markup must not hit the recursion limit.
    paragraphs: list[list[str]] = [[]]
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element.tag in BLOCK_TAGS:
            paragraphs.append([])
        elif element.tag in CELL_TAGS:
            paragraphs[-1].append(" ")
        if event == "start" and element.text:
            paragraphs[-1].append(element.text)
        if event == "end" and element.tail:
            paragraphs[-1].append(element.tail)
    return ["".join(parts) for parts in paragraphs]


def tidy_plain_text(text: str) -> str:
    """Plain text with white space collapsed inside paragraphs and one blank line between them."""
    blocks = PARAGRAPH_BREAK.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = (" ".join(block.split()) for block in blocks)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
