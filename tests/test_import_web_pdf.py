"""`corpus add` of saved web pages and PDFs: structure, links, pages, chrome, bad files.

Every fixture is made here: pages written as HTML strings, PDFs by tests/minipdf.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import corpus.importer as importer
from corpus.folder import init_corpus
from corpus.importer import ImporterError, add_document, import_file
from corpus.load import CorpusError, load_corpus
from retrieval.types import citation
from tests.minipdf import make_pdf
from tests.test_corpus_cli import no_traceback, run

PAGE = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>Open weights, explained | Policy Blog</title></head>
<body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<header class="site-header"><a href="/">Policy Blog</a><nav><a href="/archive">Archive</a></nav>
</header>
<main>
<article>
  <header><h1>Open weights, explained</h1><p class="byline-actions">Share this post</p></header>
  <p>The <a href="https://artificialintelligenceact.eu/">EU AI Act</a> exempts most
     <em>open-source</em> models, as <a href="/notes/exemptions">our notes</a> explain.</p>
  <h2>What the Act exempts</h2>
  <p>Free and open-source models are exempt unless they pose a systemic risk.</p>
  <ul>
    <li>Models released under a free licence.</li>
    <li>Models whose <a href="javascript:void(0)">weights</a> are public.</li>
  </ul>
  <h3>The fine print</h3>
  <blockquote><p>The exemption does not apply to general-purpose models with systemic risk.</p>
  </blockquote>
  <h2>What it does not</h2>
  <p>Prohibited practices stay prohibited<br>for every model.</p>
  <aside><p>Related: ten more posts you will love.</p></aside>
  <div class="share-buttons"><a href="https://x.example/share">Share on X</a></div>
</article>
<section class="comments"><h2>3 comments</h2><p>Great post!</p></section>
</main>
<footer><p>© 2024 Policy Blog. All rights reserved.</p></footer>
<script>window.tracker = 1;</script>
</body></html>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    init_corpus(folder)
    return folder


def passages(imported: Any) -> list[dict[str, Any]]:
    return list(imported.document["passages"])


# --- HTML -------------------------------------------------------------------------------


def test_a_page_becomes_sections_and_passages(tmp_path: Path) -> None:
    page = write(tmp_path / "post.html", PAGE)
    imported = import_file(page, "post", "Open weights, explained", "https://blog.example.org/p/1")
    sections = imported.document["sections"]
    assert [(s["id"], s["title"], s.get("parent")) for s in sections] == [
        ("post.introduction", "Introduction", None),
        ("post.what_the_act_exempts", "What the Act exempts", None),
        ("post.the_fine_print", "The fine print", "post.what_the_act_exempts"),
        ("post.what_it_does_not", "What it does not", None),
    ]
    assert [p["text"] for p in passages(imported)] == [
        "The EU AI Act exempts most open-source models, as our notes explain.",
        "Free and open-source models are exempt unless they pose a systemic risk.",
        "Models released under a free licence.",
        "Models whose weights are public.",
        "The exemption does not apply to general-purpose models with systemic risk.",
        "Prohibited practices stay prohibited for every model.",
    ]
    assert imported.quotes == ["post.the_fine_print.1"]


def test_page_chrome_is_dropped(tmp_path: Path) -> None:
    imported = import_file(write(tmp_path / "post.html", PAGE), "post", "Open weights, explained")
    text = " ".join(p["text"] for p in passages(imported))
    titles = " ".join(s["title"] for s in imported.document["sections"])
    for chrome in (
        "cookies",
        "Archive",
        "Share",
        "Related",
        "comments",
        "Great post",
        "©",
        "tracker",
    ):
        assert chrome not in text + titles


def test_links_are_kept_as_data(tmp_path: Path) -> None:
    page = write(tmp_path / "post.html", PAGE)
    imported = import_file(page, "post", "Open weights, explained", "https://blog.example.org/p/1")
    first = passages(imported)[0]
    assert first["links"] == [
        {"text": "EU AI Act", "url": "https://artificialintelligenceact.eu/"},
        {"text": "our notes", "url": "https://blog.example.org/notes/exemptions"},
    ]
    # A script "link" leads nowhere: not kept.
    assert "links" not in passages(imported)[3]


def test_relative_links_without_an_address_are_dropped_with_a_note(tmp_path: Path) -> None:
    imported = import_file(write(tmp_path / "post.html", PAGE), "post", "Open weights, explained")
    assert passages(imported)[0]["links"] == [
        {"text": "EU AI Act", "url": "https://artificialintelligenceact.eu/"}
    ]
    assert any("relative link" in note and "--url" in note for note in imported.notes)


def test_a_page_added_to_a_corpus_carries_links_to_its_entries(tmp_path: Path, root: Path) -> None:
    page = write(tmp_path / "post.html", PAGE)
    add_document(page, "post", "Open weights, explained", root, url="https://blog.example.org/p/1")
    entry = load_corpus(root, snapshots=False).by_id["post.introduction.1"]
    assert [(link.text, link.url) for link in entry.links] == [
        ("EU AI Act", "https://artificialintelligenceact.eu/"),
        ("our notes", "https://blog.example.org/notes/exemptions"),
    ]
    assert all(link.text in entry.text for link in entry.links)
    assert entry.page is None and entry.url == "https://blog.example.org/p/1"


def test_a_page_in_its_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "old.html"
    markup = '<html><head><meta charset="windows-1252"></head><body><p>Café “quotes”.</p>'
    page.write_bytes(markup.encode("cp1252"))
    assert passages(import_file(page, "old", "Old"))[0]["text"] == "Café “quotes”."


def test_a_link_whose_text_is_not_in_the_passage_is_a_problem(root: Path) -> None:
    write(
        root / "documents" / "d.yaml",
        "id: d\ntitle: D\nsections:\n- id: d.s\n  title: S\npassages:\n- id: d.s.1\n"
        "  section: d.s\n  text: Some words.\n  links:\n  - text: other words\n"
        "    url: https://example.org/\n",
    )
    with pytest.raises(CorpusError) as caught:
        load_corpus(root, snapshots=False)
    assert "d.yaml:11: passages[0].links[0].text: link text does not occur" in str(caught.value)


# --- PDF --------------------------------------------------------------------------------

REPORT = [
    [
        "Governance Report 2024",
        "# Scope",
        "",
        "The regulation covers providers of general-purpose",
        "models placed on the market in the Union.",
        "",
        "It also covers deployers of high-risk systems, and the obliga-",
        "tions of importers and distributors that",
        "",
        "1",
    ],
    [
        "Governance Report 2024",
        "make such systems available to users.",
        "",
        "",  # a heading has more space above it than a paragraph
        "# Exemptions",
        "",
        "Open-source models are exempt from most transparency duties.",
        "",
        "- 2 -",
    ],
    [
        "Governance Report 2024",
        "Models with systemic risk are never exempt.",
        "",
        "Page 3 of 3",
    ],
]


def test_a_pdf_becomes_passages_with_their_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(REPORT, heading_size=16))
    imported = import_file(pdf, "report", "Governance Report 2024")
    assert [s["title"] for s in imported.document["sections"]] == ["Scope", "Exemptions"]
    assert [(p["text"], p["page"]) for p in passages(imported)] == [
        (
            "The regulation covers providers of general-purpose models placed on the market in "
            "the Union.",
            1,
        ),
        # Cut by the page break, joined again; the hyphenated word joined too.
        (
            "It also covers deployers of high-risk systems, and the obligations of importers and "
            "distributors that make such systems available to users.",
            1,
        ),
        ("Open-source models are exempt from most transparency duties.", 2),
        ("Models with systemic risk are never exempt.", 3),
    ]


def test_a_pdf_passage_cites_its_page_and_links_to_it(tmp_path: Path, root: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(REPORT, heading_size=16))
    add_document(pdf, "report", "Governance Report", root, url="https://example.org/report.pdf")
    for snapshots in (False, True, True):  # from the YAML, then written to and read from a snapshot
        entry = load_corpus(root, snapshots=snapshots, cache_dir=tmp_path / "cache").by_id[
            "report.exemptions.2"
        ]
        assert entry.page == 3
        assert entry.url == "https://example.org/report.pdf#page=3"
        assert citation(entry) == "Governance Report › Exemptions, p. 3"


# --- bad files: one line each, the corpus as it was ---------------------------------------


def _truncated_pdf() -> bytes:
    whole = make_pdf(REPORT)
    return whole[: len(whole) // 2]


BAD = {
    "truncated.pdf": (_truncated_pdf, "the PDF is truncated"),
    "junk.pdf": (lambda: bytes(range(256)) * 64, "not a PDF"),
    "junk.html": (lambda: b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 64, "binary data"),
    "junk.md": (lambda: b"\x00\x01\x02" * 1000, "binary data"),
    "empty.html": (
        lambda: (
            b"<html><head><title>T</title><script>x()</script></head><body><nav>"
            b"<a href='/'>Home</a></nav><div class='comments'><p>Nice</p></div></body></html>"
        ),
        "no text found in the page",
    ),
    "scan.pdf": (lambda: make_pdf([[""], [""]]), "no text found in the PDF"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_file_is_one_line_and_changes_nothing(tmp_path: Path, root: Path, name: str) -> None:
    make, expected = BAD[name]
    (tmp_path / name).write_bytes(make())
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = run("add", tmp_path / name, "--id", "bad", "--title", "Bad", "--corpus", root)
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr and name in result.stderr
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("suffix", [".md", ".html", ".txt"])
def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path, root: Path, suffix: str) -> None:
    big = tmp_path / f"big{suffix}"
    with big.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: no 50 MB written to the test machine's disk
    result = run("add", big, "--id", "big", "--title", "Big", "--corpus", root)
    assert result.returncode == 1
    no_traceback(result)
    assert result.stderr.count("\n") == 1
    assert f"{big}: file is 52,428,800 bytes; the limit" in result.stderr
    assert not list((root / "documents").iterdir())


def test_a_document_too_large_for_one_file_is_refused_before_writing(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 10_000)
    long = write(tmp_path / "long.md", "".join(f"Paragraph {n} of many.\n\n" for n in range(2000)))
    with pytest.raises(ImporterError) as caught:
        add_document(long, "long", "Long", root)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{long}: makes a document file of ")
    assert "the limit is 10,000" in message
    assert not list((root / "documents").iterdir())


def test_blocks_inside_items_quotes_and_headings_keep_their_kind(tmp_path: Path) -> None:
    page = write(
        tmp_path / "nested.html",
        "<body><div class='page with-sidebar'><article>"
        "<h2><span>Part</span> <div>one</div></h2>"
        "<ul><li><p>First item.</p></li><li><div>Second item.</div></li></ul>"
        "<blockquote><div><p>Quoted.</p></div></blockquote>"
        "</article><div class='sidebar'><p>Elsewhere.</p></div></div></body>",
    )
    imported = import_file(page, "n", "N")
    assert [s["title"] for s in imported.document["sections"]] == ["Part one"]
    assert [p["text"] for p in passages(imported)] == ["First item.", "Second item.", "Quoted."]
    assert imported.quotes == ["n.part_one.3"]


def test_numbered_pdf_headings_make_the_tree(tmp_path: Path) -> None:
    pdf = tmp_path / "spec.pdf"
    pdf.write_bytes(
        make_pdf(
            [
                [
                    "# 1. Introduction",
                    "",
                    "Opening words.",
                    "",
                    "",
                    "# 1.1. Version",
                    "",
                    "This is version 2.",
                    "",
                    "",
                    "# 2. Rules",
                    "",
                    "The rules follow.",
                ],
            ],
            heading_size=16,
        )
    )
    sections = import_file(pdf, "spec", "Spec").document["sections"]
    assert [(s["title"], s.get("parent")) for s in sections] == [
        ("1. Introduction", None),
        ("1.1. Version", "spec.1_introduction"),
        ("2. Rules", None),
    ]


def test_chapter_headers_and_contents_lines_are_pdf_furniture(tmp_path: Path) -> None:
    pages = [
        ["Contents", "", "1 Scope . . . . . . . . . . 2", "2 Terms . . . . . . . . . . 3"],
        ["Chapter 1: Scope 2", "", "The scope is narrow."],
        ["Chapter 1: Scope 3", "", "It covers providers."],
        ["Chapter 2: Terms 4", "", "A provider places a model on the market."],
    ]
    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(make_pdf(pages))
    texts = [p["text"] for p in passages(import_file(pdf, "book", "Book"))]
    # "Chapter 2: Terms 4" heads one page only: a heading, as far as the text shows.
    assert texts == [
        "The scope is narrow.",
        "It covers providers.",
        "A provider places a model on the market.",
    ]
    assert not any("Chapter 1" in t or ". . ." in t for t in texts)


def test_two_line_breaks_end_a_paragraph(tmp_path: Path) -> None:
    page = write(
        tmp_path / "forum.html",
        "<body><div class='post-body'>First paragraph,<br>one line on.<br><br>"
        "Second <a href='https://example.org/'>paragraph</a>.<br> <br>\n<br>Third.</div></body>",
    )
    found = passages(import_file(page, "f", "F"))
    assert [p["text"] for p in found] == [
        "First paragraph, one line on.",
        "Second paragraph.",
        "Third.",
    ]
    assert found[1]["links"] == [{"text": "paragraph", "url": "https://example.org/"}]
