"""`corpus add`'s importer: Markdown and plain text → sections, passages and a YAML file."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.importer import (
    Imported,
    ImporterError,
    ValidationFailed,
    add_document,
    build_document,
    clean,
    import_file,
    inline,
    looks_like_heading,
    parse_markdown,
    parse_plain,
    render,
    slugify,
)
from corpus.load import PACKAGED_CORPUS, load_corpus

# The plain-text copy of the review the packaged corpus was made from, kept in the repository
# so these tests run (never skip) wherever the suite does.
REVIEW = Path(__file__).parent / "fixtures" / "open-source-ai-regulatory-review.txt"
REVIEW_TITLE = "Open-Source AI: A Regulatory Review"

MARKDOWN = """\
---
title: Front matter is not content
tags: [a, b]
---
# Model Release Policies

Some *context* before the first section,
on two lines.

<!-- an editor's note
that spans lines -->

## The Debate

Open weights let **anyone** run a model; see [the paper](https://example.org/a_(b) "Paper")
and the `weights` themselves [LW · GW].

- Sharing the model weights.
- Sharing the *training data*.
  It continues here.
1. A numbered item.

> So, open weights allows model use but not full transparency.
> It is a trade-off.
>
> A second quoted paragraph.

### Nuances

Text with an escaped \\*star\\* and snake_case_name &amp; more.

## The Debate

Second section with the same title.

Setext Heading
==============

Last words.

0 comments

Comments sorted by top scores.
"""


def sections(imported: Imported) -> list[tuple[str, str, str | None]]:
    return [(s["id"], s["title"], s.get("parent")) for s in imported.document["sections"]]


def passages(imported: Imported) -> dict[str, str]:
    return {p["id"]: p["text"] for p in imported.document["passages"]}


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, copy)
    return copy


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- Markdown ---------------------------------------------------------------------------


@pytest.fixture
def markdown(tmp_path: Path) -> Imported:
    return import_file(write(tmp_path / "policies.md", MARKDOWN), "policies", "Policies")


def test_markdown_section_tree(markdown: Imported) -> None:
    assert sections(markdown) == [
        ("policies.model_release_policies", "Model Release Policies", None),
        ("policies.the_debate", "The Debate", "policies.model_release_policies"),
        ("policies.nuances", "Nuances", "policies.the_debate"),
        ("policies.the_debate_2", "The Debate", "policies.model_release_policies"),
        ("policies.setext_heading", "Setext Heading", None),
    ]


def test_markdown_passages(markdown: Imported) -> None:
    assert passages(markdown) == {
        "policies.model_release_policies.1": "Some context before the first section, on two lines.",
        "policies.the_debate.1": "Open weights let anyone run a model; see the paper and the "
        "weights themselves.",
        "policies.the_debate.2": "Sharing the model weights.",
        "policies.the_debate.3": "Sharing the training data. It continues here.",
        "policies.the_debate.4": "A numbered item.",
        "policies.the_debate.5": "So, open weights allows model use but not full transparency. "
        "It is a trade-off.",
        "policies.the_debate.6": "A second quoted paragraph.",
        "policies.nuances.1": "Text with an escaped *star* and snake_case_name & more.",
        "policies.the_debate_2.1": "Second section with the same title.",
        "policies.setext_heading.1": "Last words.",
    }
    assert markdown.quotes == ["policies.the_debate.5", "policies.the_debate.6"]


def test_every_passage_has_a_place_for_the_questions_it_answers(markdown: Imported) -> None:
    assert all(p["questions"] == [] for p in markdown.document["passages"])


def test_markdown_drops_a_first_heading_equal_to_the_title(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", "# Policies\n\nOpening words.\n\n## Part One\n\nBody.\n")
    imported = import_file(path, "doc", "Policies")
    assert sections(imported) == [
        ("doc.introduction", "Introduction", None),
        ("doc.part_one", "Part One", None),
    ]
    assert passages(imported) == {"doc.introduction.1": "Opening words.", "doc.part_one.1": "Body."}
    assert any("title" in note for note in imported.notes)


def test_markdown_without_headings_is_one_introduction(tmp_path: Path) -> None:
    imported = import_file(write(tmp_path / "a.md", "One.\n\nTwo.\n"), "a", "A")
    assert sections(imported) == [("a.introduction", "Introduction", None)]
    assert list(passages(imported)) == ["a.introduction.1", "a.introduction.2"]


def test_heading_levels_may_skip(tmp_path: Path) -> None:
    text = "# A\n\n### C\n\nc.\n\n## B\n\nb.\n\n# D\n\nd.\n"
    imported = import_file(write(tmp_path / "a.md", text), "x", "X")
    assert sections(imported) == [
        ("x.a", "A", None),
        ("x.c", "C", "x.a"),
        ("x.b", "B", "x.a"),
        ("x.d", "D", None),
    ]


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("[text](https://example.org)", "text"),
        ("[text](<https://example.org/a b>)", "text"),
        ("[a [nested] one](u)", "a [nested] one"),
        ("[ref link][1]", "ref link"),
        ("![an image](pic.png) gone", "gone"),
        ("see <https://example.org>", "see https://example.org"),
        ("***both*** **bold** __strong__ *em* _em_ ~~struck~~", "both bold strong em em struck"),
        ("**bold with *italic* inside**", "bold with italic inside"),
        ("`code` and ``co`de``", "code and co`de"),
        ("`*not emphasis*`", "*not emphasis*"),
        ("snake_case_name and 2 * 3 * 4", "snake_case_name and 2 * 3 * 4"),
        (r"\[not a link\](x)", "[not a link](x)"),
        ("[...] omitted", "[...] omitted"),
        ("a<br>b <span>c</span>", "a b c"),
        ("AT&amp;T &lt;tag&gt;", "AT&T <tag>"),
        ("[[LW](https://lw) · [GW](https://gw)] after", "after"),
    ],
)
def test_inline_markup(markdown: str, text: str) -> None:
    assert clean(inline(markdown)) == text


def test_markdown_code_fence_is_kept_as_text() -> None:
    blocks = parse_markdown("Before.\n\n```python\nx = *a*\n\ny = 2\n```\n\nAfter.\n")
    assert [b.text for b in blocks] == ["Before.", "x = *a* y = 2", "After."]


def test_markdown_thematic_break_is_not_a_heading() -> None:
    blocks = parse_markdown("One.\n\n---\n\nTwo.\n\n* * *\n")
    assert [(b.kind, b.text) for b in blocks] == [("paragraph", "One."), ("paragraph", "Two.")]


def test_markdown_setext_levels() -> None:
    blocks = parse_markdown("Top\n===\n\nSub\n---\n\nBody.\n")
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "Top"),
        ("heading", 2, "Sub"),
        ("paragraph", 1, "Body."),
    ]


def test_markdown_atx_closing_hashes_and_hashtags() -> None:
    blocks = parse_markdown("## Title ##\n\n#hashtag is text\n\n## C# in a title\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Title"),
        ("paragraph", "#hashtag is text"),
        ("heading", "C# in a title"),
    ]


def test_markdown_list_in_a_quote() -> None:
    blocks = parse_markdown("> The act:\n> - bans this;\n> - allows that.\n")
    assert [(b.kind, b.text) for b in blocks] == [
        ("quote", "The act:"),
        ("quote", "bans this;"),
        ("quote", "allows that."),
    ]


def test_crlf_line_endings() -> None:
    blocks = parse_markdown("# A\r\n\r\nOne\r\ntwo.\r\n")
    assert [b.text for b in blocks] == ["A", "One two."]


# --- plain text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("The US", True),
        ("China", True),
        ("What are open-source models, and what are their effects on AI safety?", True),
        ("2024 in Review", True),
        ("Convergence’s Analysis", True),
        ("the lower case start", False),
        ("A sentence that ends with a full stop.", False),
        ("Generally, open-sourcing involves some combination of:", False),
        ("Ends with a comma,", False),
        ("Ends with a semicolon;", False),
        ("A" + "a" * 90, False),  # 91 characters
        ("A" + "a" * 89, True),  # 90 characters
        ("- A bullet", False),
        ("“Quoted title”", False),
    ],
)
def test_plain_heading_heuristic(line: str, heading: bool) -> None:
    assert looks_like_heading(line) is heading


PLAIN = """\
Opening words of the
document, wrapped.

First Part

A paragraph.\u00a0 With  odd   spacing [EA · GW], and a marker.

Ends with a colon:

- one item
- another item
  continued

Second Part

Short line but ends with a stop.
"""


def test_plain_text_sections_and_passages(tmp_path: Path) -> None:
    imported = import_file(write(tmp_path / "doc.txt", PLAIN), "doc", "Doc")
    assert sections(imported) == [
        ("doc.introduction", "Introduction", None),
        ("doc.first_part", "First Part", None),
        ("doc.second_part", "Second Part", None),
    ]
    assert passages(imported) == {
        "doc.introduction.1": "Opening words of the document, wrapped.",
        "doc.first_part.1": "A paragraph. With odd spacing, and a marker.",
        "doc.first_part.2": "Ends with a colon:",
        "doc.first_part.3": "one item",
        "doc.first_part.4": "another item continued",
        "doc.second_part.1": "Short line but ends with a stop.",
    }


def test_plain_text_is_not_markdown(tmp_path: Path) -> None:
    imported = import_file(write(tmp_path / "a.txt", "A *starred* word and [a](b).\n"), "a", "A")
    assert passages(imported) == {"a.introduction.1": "A *starred* word and [a](b)."}


def test_plain_table_of_contents_gives_the_tree() -> None:
    text = "Contents\n\n  One\n    One A\n  Two\n\nOne\n\nx.\n\nOne A\n\ny.\n\nTwo\n\nz.\n"
    notes: list[str] = []
    blocks = parse_plain(text, notes)
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("heading", 1, "One"),
        ("paragraph", 1, "x."),
        ("heading", 2, "One A"),
        ("paragraph", 1, "y."),
        ("heading", 1, "Two"),
        ("paragraph", 1, "z."),
    ]
    assert notes


def test_a_contents_heading_without_a_list_of_headings_is_kept() -> None:
    blocks = parse_plain("Contents\n\nThe box held three books, a lamp and a map.\n")
    assert [b.kind for b in blocks] == ["heading", "paragraph"]


@pytest.mark.parametrize(
    "line",
    ["0 comments", "12 comments", "No comments", "Comments sorted by top scores.", "1 comment"],
)
def test_chrome_lines_are_dropped(line: str) -> None:
    blocks = parse_plain(f"Words here.\n\n{line}\n\nMore words.\n")
    assert [b.text for b in blocks] == ["Words here.", "More words."]


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("the EA Forum [EA · GW]. This", "the EA Forum. This"),
        ("reporting [EA · GW]safety evals [EA · GW], model", "reporting safety evals, model"),
        ("pathogens [LW · GW].", "pathogens."),
        ("[LW · GW] at the start", "at the start"),
        ("a\u00a0\u00a0b  \t c\u200bd", "a b cd"),
    ],
)
def test_clean(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned


# --- the review itself ------------------------------------------------------------------


@pytest.fixture(scope="module")
def review() -> Imported:
    return import_file(REVIEW, "osai", REVIEW_TITLE)


def test_review_sections(review: Imported) -> None:
    assert sections(review) == [
        ("osai.introduction", "Introduction", None),
        (
            "osai.what_are_open_source",
            "What are open-source models, and what are their effects on AI safety?",
            None,
        ),
        ("osai.current_regulatory_policies", "Current Regulatory Policies", None),
        ("osai.the_us", "The US", "osai.current_regulatory_policies"),
        ("osai.the_eu", "The EU", "osai.current_regulatory_policies"),
        ("osai.china", "China", "osai.current_regulatory_policies"),
        ("osai.convergences_analysis", "Convergence’s Analysis", None),
    ]


def test_review_has_no_chrome(review: Imported) -> None:
    for text in passages(review).values():
        for chrome in ("[LW · GW]", "[EA · GW]", "GW]", "comments", "\u00a0", "  "):
            assert chrome not in text
    assert not any(text in ("None", "Contents") for text in passages(review).values())


def test_review_matches_the_hand_made_corpus(review: Imported) -> None:
    """Every paragraph of our copy, as the packaged corpus has it (less recovered passages)."""
    corpus = load_corpus(PACKAGED_CORPUS)
    osai = next(d for d in corpus.documents if d.id == "osai")
    expected = [p.text for p in osai.passages if p.recovered_from is None]
    assert list(passages(review).values()) == expected


# --- ids --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("The US", "the_us"),
        ("What are open-source models, and what are their effects?", "what_are_open_source"),
        ("Convergence’s Analysis", "convergences_analysis"),
        ("Régulation Européenne", "regulation_europeenne"),
        ("中国", "section"),
        ("Section 4.6", "section_4_6"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_duplicate_titles_get_numbered_ids(tmp_path: Path) -> None:
    text = "# Notes\n\na.\n\n# Notes\n\nb.\n\n# Notes\n\nc.\n"
    imported = import_file(write(tmp_path / "n.md", text), "n", "N")
    assert [s["id"] for s in imported.document["sections"]] == ["n.notes", "n.notes_2", "n.notes_3"]


def test_an_introduction_heading_does_not_clash(tmp_path: Path) -> None:
    text = "Before.\n\n# Introduction\n\nAfter.\n"
    imported = import_file(write(tmp_path / "i.md", text), "i", "I")
    assert [s["id"] for s in imported.document["sections"]] == [
        "i.introduction",
        "i.introduction_2",
    ]


# --- YAML -------------------------------------------------------------------------------


def test_rendered_yaml_round_trips(markdown: Imported) -> None:
    text = render(markdown, "policies.md")
    assert text.startswith("# Generated by `corpus add` from policies.md.")
    assert yaml.safe_load(text) == markdown.document
    assert "sections:\n- id: policies.model_release_policies\n" in text  # block style
    assert list(yaml.safe_load(text)) == ["id", "title", "sections", "passages"]


def test_long_text_is_folded_and_round_trips(review: Imported) -> None:
    text = render(review, REVIEW.name)
    assert "text: >-\n" in text
    assert "’" in text  # allow_unicode: no \u2019 escapes
    assert yaml.safe_load(text) == review.document


def test_block_quotes_are_flagged_in_the_yaml(markdown: Imported) -> None:
    text = render(markdown, "policies.md")
    for passage_id in markdown.quotes:
        before = text.split(f"- id: {passage_id}\n")[0].splitlines()[-1]
        assert "kind: excerpt" in before and before.startswith("#")


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(_TEXT, min_size=1, max_size=3))
def test_any_text_round_trips(texts: list[str]) -> None:
    document: dict[str, Any] = {
        "id": "d",
        "title": texts[0],
        "sections": [{"id": "d.s", "title": texts[-1]}],
        "passages": [{"id": f"d.s.{i}", "section": "d.s", "text": t} for i, t in enumerate(texts)],
    }
    assert yaml.safe_load(render(Imported(document, [], []), "x.md")) == document


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(alphabet="abcdefghij’é.,:;-—“”'\"#&*", min_size=1), min_size=1))
def test_cleaned_paragraphs_round_trip_folded(words: list[str]) -> None:
    text = clean(" ".join(words * 10))
    if not text:
        return
    imported = build_document(parse_plain(f"Heading\n\n{text}\n"), "d", "D")
    assert yaml.safe_load(render(imported, "x.txt")) == imported.document


# --- writing into a corpus --------------------------------------------------------------


def test_add_markdown_to_a_corpus(tmp_path: Path, corpus_copy: Path) -> None:
    source = write(tmp_path / "policies.md", MARKDOWN)
    added = add_document(source, "policies", "Policies", corpus_copy, url="https://example.org")
    assert added.path == corpus_copy / "documents" / "policies.yaml"
    corpus = load_corpus(corpus_copy)
    assert [d.id for d in corpus.documents] == ["osai", "policies"]
    entry = corpus.by_id["policies.nuances.1"]
    assert entry.section_path == ("Model Release Policies", "The Debate", "Nuances")
    assert entry.url == "https://example.org"
    assert added.corpus.version == corpus.version


def test_add_the_review_as_plain_text(corpus_copy: Path) -> None:
    add_document(REVIEW, "osai_copy", REVIEW_TITLE, corpus_copy)
    corpus = load_corpus(corpus_copy)
    assert corpus.by_id["osai_copy.the_eu.1"].section_path == (
        "Current Regulatory Policies",
        "The EU",
    )
    assert len([e for e in corpus.entries if e.document.id == "osai_copy"]) == 25


def test_refuses_to_overwrite(tmp_path: Path, corpus_copy: Path) -> None:
    source = write(tmp_path / "a.md", "One.\n")
    add_document(source, "a", "A", corpus_copy)
    write(source, "Two.\n")
    with pytest.raises(ImporterError, match="already exists; pass --force"):
        add_document(source, "a", "A", corpus_copy)
    assert "One." in (corpus_copy / "documents" / "a.yaml").read_text()
    added = add_document(source, "a", "A", corpus_copy, force=True)
    assert added.replaced
    assert load_corpus(corpus_copy).by_id["a.introduction.1"].text == "Two."


def test_refuses_an_id_another_file_declares(tmp_path: Path, corpus_copy: Path) -> None:
    documents = corpus_copy / "documents"
    (documents / "osai.yaml").rename(documents / "review.yaml")
    source = write(tmp_path / "a.md", "One.\n")
    with pytest.raises(ImporterError, match=r"id 'osai' already exists: .*review\.yaml"):
        add_document(source, "osai", "A", corpus_copy, force=True)
    assert not (documents / "osai.yaml").exists()


@pytest.mark.parametrize("bad", ["Osai", "osai-2", "osai.x", "", "ü", "a b"])
def test_bad_id(tmp_path: Path, corpus_copy: Path, bad: str) -> None:
    source = write(tmp_path / "a.md", "One.\n")
    with pytest.raises(ImporterError, match="invalid document id"):
        add_document(source, bad, "A", corpus_copy)
    assert sorted(p.name for p in (corpus_copy / "documents").iterdir()) == ["osai.yaml"]


@pytest.mark.parametrize("content", ["", "  \n\n\t\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    source = write(tmp_path / "empty.md", content)
    with pytest.raises(ImporterError, match=r"empty\.md: file is empty"):
        import_file(source, "e", "E")


def test_only_chrome(tmp_path: Path) -> None:
    source = write(
        tmp_path / "chrome.txt", "Heading\n\n0 comments\n\nComments sorted by top scores.\n"
    )
    with pytest.raises(ImporterError, match="no paragraphs found"):
        import_file(source, "c", "C")


def test_not_utf8(tmp_path: Path) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes("Première ligne.\n\nDeuxième.\n".encode("latin-1"))
    with pytest.raises(ImporterError, match=r"latin\.txt:1: not UTF-8 \(byte 0xe8\)"):
        import_file(source, "l", "L")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match="no such file"):
        import_file(tmp_path / "nope.md", "n", "N")


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match=r"expected a \.md, \.txt, \.html or \.pdf file"):
        import_file(write(tmp_path / "a.docx", "<p>x</p>"), "a", "A")


def test_blank_title(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match="title"):
        import_file(write(tmp_path / "a.md", "x\n"), "a", "  ")


def test_missing_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match="corpus folder does not exist"):
        add_document(write(tmp_path / "a.md", "x\n"), "a", "A", tmp_path / "nowhere")


def test_invalid_result_is_removed(tmp_path: Path, corpus_copy: Path) -> None:
    # Another document already uses the id the new one's first section will get.
    squatter = """\
id: other
title: Other
sections:
- id: newdoc.introduction
  title: Taken
passages:
- id: other.1
  section: newdoc.introduction
  text: Words.
"""
    write(corpus_copy / "documents" / "other.yaml", squatter)
    load_corpus(corpus_copy)
    source = write(tmp_path / "new.md", "Opening.\n")
    with pytest.raises(ValidationFailed) as failed:
        add_document(source, "newdoc", "New", corpus_copy)
    assert failed.value.caused_by_new_file
    assert any("duplicate id 'newdoc.introduction'" in str(p) for p in failed.value.problems)
    assert not (corpus_copy / "documents" / "newdoc.yaml").exists()
    load_corpus(corpus_copy)


def test_invalid_result_restores_the_replaced_file(tmp_path: Path, corpus_copy: Path) -> None:
    target = corpus_copy / "documents" / "newdoc.yaml"
    add_document(write(tmp_path / "new.md", "Opening.\n"), "newdoc", "New", corpus_copy)
    before = target.read_bytes()
    squatter = "id: other\ntitle: O\nsections:\n- id: newdoc.part\n  title: P\n"
    squatter += "passages:\n- id: other.1\n  section: newdoc.part\n  text: W.\n"
    write(corpus_copy / "documents" / "other.yaml", squatter)
    with pytest.raises(ValidationFailed):
        add_document(
            write(tmp_path / "new.md", "# Part\n\nx.\n"), "newdoc", "New", corpus_copy, force=True
        )
    assert target.read_bytes() == before


def test_a_corpus_invalid_already_is_not_blamed_on_the_new_file(
    tmp_path: Path, corpus_copy: Path
) -> None:
    (corpus_copy / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        add_document(write(tmp_path / "a.md", "x.\n"), "a", "A", corpus_copy)
    assert not failed.value.caused_by_new_file
    assert not (corpus_copy / "documents" / "a.yaml").exists()


def test_markdown_links_are_kept_as_data(tmp_path: Path) -> None:
    source = write(
        tmp_path / "links.md",
        'The [EU **AI** Act](https://artificialintelligenceact.eu/ "title") and '
        "[our notes](/notes) [[LW](https://lesswrong.com/x) · [GW](https://gw.org/x)].\n\n"
        "- A [`code` link](<https://example.org/a b>).\n",
    )
    with_url = import_file(source, "l", "L", "https://blog.example.org/post/")
    first, second = with_url.document["passages"]
    assert first["text"] == "The EU AI Act and our notes."
    assert first["links"] == [
        {"text": "EU AI Act", "url": "https://artificialintelligenceact.eu/"},
        {"text": "our notes", "url": "https://blog.example.org/notes"},
    ]  # the forum's link markers are chrome: dropped with their words
    assert second["links"] == [{"text": "code link", "url": "https://example.org/a%20b"}]
    without_url = import_file(source, "l", "L")
    assert [link["text"] for link in without_url.document["passages"][0]["links"]] == ["EU AI Act"]
    assert any("dropped 1 relative link" in note for note in without_url.notes)
