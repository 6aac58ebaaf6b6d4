"""A saved web page (HTML) → blocks for corpus/importer.py: headings, paragraphs, list items
and block quotes, with the links inside their text kept as (anchor text, target).

The page's content is its <main>, else its only <article>, else its body; the furniture
around and inside it (navigation, sidebars, comment threads, share buttons, cookie banners:
the rules are in corpus/chrome.py) is dropped. Parsed with BeautifulSoup over Python's own
html.parser: pages saved from forums, blogs and government sites are rarely valid HTML,
and it needs no compiled library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from corpus import chrome, links

HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that start a block of their own; everything else is inline text within one.
BLOCKS = (
    frozenset(
        "address article aside blockquote body dd details div dl dt fieldset figcaption figure "
        "footer header hgroup hr li main ol p pre section summary table tbody td tfoot th thead "
        "tr ul caption center".split()
    )
    | HEADINGS.keys()
)

Kind = Literal["heading", "paragraph", "item", "quote"]


@dataclass
class HtmlBlock:
    """A heading, paragraph, list item or block quote of a page, before cleaning."""

    kind: Kind
    text: str
    level: int = 1
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Page:
    """What a page gave: its blocks, its <title>, and the links that could not be kept."""

    blocks: list[HtmlBlock]
    title: str | None
    unresolved_links: int = 0


def parse_html(markup: bytes | str, base_url: str | None = None) -> Page:
    """The blocks of a page's content. Relative links resolve against the page's <base>,
    else `base_url`; without either they cannot be followed from a quote and are dropped."""
    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if isinstance(title_tag, Tag) else None
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        base_url = urljoin(base_url or "", str(base_tag["href"]))
    root = _content_root(soup)
    _drop_chrome(root)
    walker = _Walker(base_url)
    walker.walk(root, "paragraph")
    walker.flush()
    return Page(walker.blocks, title or None, walker.unresolved)


def _content_root(soup: BeautifulSoup) -> Tag:
    main = soup.find("main") or soup.find(True, role="main")
    if isinstance(main, Tag):
        return main
    articles = soup.find_all("article")
    if len(articles) == 1 and isinstance(articles[0], Tag):
        return articles[0]
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _drop_chrome(root: Tag) -> None:
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in root.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue  # inside furniture dropped already
        if _is_chrome(tag):
            tag.decompose()


def _is_chrome(tag: Tag) -> bool:
    if tag.name in chrome.HTML_TAGS:
        return True
    if tag.find(["article", "main", "h1"]) is not None:
        return False  # a wrapper of the content ("layout-with-sidebar"), whatever its name
    if tag.name in chrome.HTML_FRAME_TAGS and tag.find_parent(["article", "main"]) is None:
        return True
    if str(tag.get("role", "")).lower() in chrome.HTML_ROLES:
        return True
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    classes = tag.get("class")
    names = [str(tag.get("id") or ""), *(classes if isinstance(classes, list) else [classes])]
    return any(chrome.HTML_NAMES.search(str(name)) for name in names if name)


class _Walker:
    """Walks the content in document order, gathering inline text into blocks."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[HtmlBlock] = []
        self.unresolved = 0
        self._kind: Kind = "paragraph"
        self._level = 1
        self._text: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._breaks = 0  # <br> since the last words

    def flush(self) -> None:
        text = "".join(self._text)
        if text.strip():
            self.blocks.append(HtmlBlock(self._kind, text, self._level, self._links))
        self._text, self._links, self._breaks = [], [], 0

    def walk(self, node: Tag, kind: Kind, level: int = 1) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, Comment):
                    self._add(str(child), kind, level)
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in HEADINGS:
                self.flush()
                self.walk(child, "heading", HEADINGS[name])
                self.flush()
            elif name == "br":
                # Forum posts and old pages separate paragraphs with <br><br>, not <p>.
                if self._breaks and kind != "heading":
                    self.flush()
                else:
                    self._add(" ", kind, level)
                self._breaks += 1
            elif name == "img":
                continue
            elif name == "a" and child.has_attr("href"):
                self._link(child, kind, level)
            elif name in BLOCKS and kind != "heading":  # a heading is one line, whatever it holds
                self.flush()
                self.walk(child, _block_kind(name, kind), level)
                self.flush()
            else:
                self.walk(child, kind, level)

    def _add(self, text: str, kind: Kind, level: int) -> None:
        if (kind, level) != (self._kind, self._level):
            self.flush()
            self._kind, self._level = kind, level
        self._text.append(text)
        if text.strip():
            self._breaks = 0

    def _link(self, anchor: Tag, kind: Kind, level: int) -> None:
        before = len(self._text)
        self.walk(anchor, kind, level)
        text = " ".join("".join(self._text[before:]).split())
        target = self._target(str(anchor["href"]))
        if text and target:
            self._links.append((text, target))

    def _target(self, href: str) -> str | None:
        target = links.resolve(href, self.base_url)
        if target is None and links.is_relative(href):
            self.unresolved += 1
        return target


def _block_kind(name: str, inherited: Kind) -> Kind:
    """A block's kind: its own, or, for a <p> or <div> inside an item or block quote
    (`<li><p>…</p></li>`), that of the block around it."""
    if inherited == "quote":
        return inherited
    if name == "li":
        return "item"
    if name == "blockquote":
        return "quote"
    return inherited
