"""A corpus of one's own, start to finish as the README's "Your own corpus" tells it:
init, add a web page, a PDF and a Markdown file, validate, stats, then ask one document."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.importer import add_document
from corpus.load import PACKAGED_CORPUS, load_corpus
from retrieval.engine import Engine
from tests import test_cli, test_corpus_cli
from tests.minipdf import make_pdf

PAGE = """<html><head><title>Open weights</title></head><body><nav>Home · Archive</nav>
<main><h1>Open weights</h1>
<p>The <a href="https://artificialintelligenceact.eu/">AI Act</a> exempts open-source models
from most transparency duties.</p>
<h2>Exceptions</h2><p>Models with systemic risk are not exempt.</p></main>
<footer>© 2024</footer></body></html>
"""
PDF_PAGES = [
    ["# Executive Order 14110", "", "The order directs agencies to manage AI risks."],
    [
        "# Dual-use foundation models",
        "",
        "Developers of dual-use foundation models must",
        "report the results of red-team safety tests to the government.",
    ],
]
MARKDOWN = "# Notes\n\nRed-team tests find dangerous capabilities before release.\n"


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    root = tmp_path / "mine"
    for args in (
        ("init", root),
        (
            "add",
            tmp_path / "page.html",
            "--id",
            "blog",
            "--title",
            "Open weights",
            "--url",
            "https://blog.example.org/open-weights",
            "--corpus",
            root,
        ),
        (
            "add",
            tmp_path / "eo.pdf",
            "--id",
            "eo",
            "--title",
            "Executive Order 14110",
            "--url",
            "https://example.org/eo14110.pdf",
            "--corpus",
            root,
        ),
        ("add", tmp_path / "notes.md", "--id", "notes", "--title", "Notes", "--corpus", root),
        ("validate", root),
        ("stats", root),
    ):
        if args[0] == "init":
            (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
            (tmp_path / "eo.pdf").write_bytes(make_pdf(PDF_PAGES, heading_size=16))
            (tmp_path / "notes.md").write_text(MARKDOWN, encoding="utf-8")
        result = test_corpus_cli.run(*args)
        assert result.returncode == 0, (args, result.stderr)
    return root


def ask(root: Path, tmp_path: Path, *args: str) -> dict[str, object]:
    result = test_cli.run("ask", "--json", "--corpus", str(root), *args, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def test_ask_one_pdf_quotes_its_page(mine: Path, tmp_path: Path) -> None:
    answer = ask(mine, tmp_path, "--document", "eo", "Who must report red-team safety tests?")
    quotes = answer["quotes"]
    assert isinstance(quotes, list) and quotes
    assert {q["document"] for q in quotes} == {"eo"}
    first = quotes[0]
    assert first["passage_id"] == "eo.dual_use_foundation_models.1"
    assert first["citation"].endswith("› Dual-use foundation models, p. 2")
    assert first["url"] == "https://example.org/eo14110.pdf#page=2"


def test_without_document_other_documents_answer_too(mine: Path, tmp_path: Path) -> None:
    answer = ask(mine, tmp_path, "red-team tests")
    quotes = answer["quotes"]
    assert isinstance(quotes, list)
    assert {q["document"] for q in quotes} == {"eo", "notes"}


def test_ask_one_page_keeps_its_links(mine: Path, tmp_path: Path) -> None:
    answer = ask(mine, tmp_path, "--document", "blog", "What does the AI Act exempt?")
    quotes = answer["quotes"]
    assert isinstance(quotes, list) and quotes
    assert quotes[0]["passage_id"] == "blog.introduction.1"
    entry = load_corpus(mine, snapshots=False).by_id["blog.introduction.1"]
    assert [(link.text, link.url) for link in entry.links] == [
        ("AI Act", "https://artificialintelligenceact.eu/")
    ]
    text = quotes[0]["text"]
    links = quotes[0]["links"]
    assert [(text[x["start"] : x["end"]], x["url"]) for x in links] == [
        ("AI Act", "https://artificialintelligenceact.eu/")
    ]
    shown = test_cli.run(
        "ask",
        "--corpus",
        str(mine),
        "--document",
        "blog",
        "What does the AI Act exempt?",
        tmp=tmp_path,
    ).stdout
    assert "link: “AI Act” → https://artificialintelligenceact.eu/" in shown


def test_a_pdf_quote_links_to_its_page(mine: Path, tmp_path: Path) -> None:
    answer = ask(mine, tmp_path, "--document", "eo", "Who must report red-team safety tests?")
    quotes = answer["quotes"]
    assert isinstance(quotes, list) and quotes
    assert quotes[0]["link"] == "https://example.org/eo14110.pdf#page=2"


def test_an_unknown_document_is_one_line_naming_the_known_ones(mine: Path, tmp_path: Path) -> None:
    result = test_cli.run("ask", "--corpus", str(mine), "--document", "nope", "x", tmp=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: no document 'nope' in the corpus; its documents: blog, eo, notes\n"
    )


def test_the_engine_filters_by_document_on_every_path(tmp_path: Path) -> None:
    root = tmp_path / "two"
    shutil.copytree(PACKAGED_CORPUS, root)
    (tmp_path / "eu.md").write_text(
        "# The EU\n\nThe EU AI Act exempts open-source models, says this other note.\n",
        encoding="utf-8",
    )
    add_document(tmp_path / "eu.md", "note", "Note", root)
    engine = Engine(load_corpus(root, snapshots=False))
    # Named, so the short note outranks the review's passages that many questions index.
    both = engine.answer("What does the EU AI Act exempt, says the other note?")
    assert {q.document for q in both.quotes} == {"osai", "note"}
    for document in ("osai", "note"):
        for question in (
            "What does the EU AI Act exempt?",  # ranked
            "Compare the US and the EU",  # comparison
            "What does the EU say?",  # a jurisdiction's whole section
        ):
            answer = engine.answer(question, document=document)
            assert {q.document for q in answer.quotes} <= {document}, (question, answer)
    # Both masks at once: the imported note is not tagged EU (tagging is a person's job).
    eu_osai = engine.answer("What does the AI Act exempt?", jurisdiction="EU", document="osai")
    assert eu_osai.quotes and all(q.document == "osai" for q in eu_osai.quotes)
    assert (
        engine.answer("What does the AI Act exempt?", jurisdiction="EU", document="note").quotes
        == ()
    )
    assert engine.answer("What does the EU AI Act exempt?", document="nope").quotes == ()
