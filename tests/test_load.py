"""The loader's error reports: every problem is `file:line: field: message`, on the right line."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from corpus.load import MAX_FILE_BYTES, PACKAGED_CORPUS, CorpusError, load_corpus

# A small valid document; each test breaks one thing in a copy of it. Named so that it sorts
# after osai.yaml: a duplicate of an osai id is reported in this file.
EXTRA = """\
# A document for the tests.
id: zz
title: Extra
sections:
- id: zz.a
  title: A
- id: zz.b
  title: B
  parent: zz.a
passages:
- id: zz.a.1
  section: zz.a
  text: Some words about open weights.
- id: zz.b.1
  section: zz.b
  text: More words.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, copy)
    return copy


def write(root: Path, text: str, name: str = "zz.yaml") -> Path:
    path = root / "documents" / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line of `path` containing `needle`."""
    hits = [
        i
        for i, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1)
        if needle in line
    ]
    assert len(hits) >= nth, f"{needle!r} not in {path}"
    return hits[nth - 1]


def problems(root: Path) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        load_corpus(root)
    found = [str(p) for p in caught.value.problems]
    assert found, "CorpusError without problems"
    for line in found:
        assert "\n" not in line, f"a problem must be one line: {line!r}"
    return found


def expect(root: Path, path: Path, line: int | None, field: str, message: str) -> list[str]:
    """Loading fails with a problem `<path>:<line>: <field>: ...message...`."""
    found = problems(root)
    where = f"{path.name}:{line}" if line else path.name
    prefix = f"{where}: {field}: " if field else f"{where}: "
    matching = [p for p in found if prefix in p and message in p]
    assert matching, f"no problem {prefix!r}…{message!r} in:\n" + "\n".join(found)
    assert all(str(path) in p or path.name in p for p in matching)
    return found


def test_the_extra_document_is_valid(root: Path) -> None:
    write(root, EXTRA)
    corpus = load_corpus(root)
    assert "zz.b.1" in corpus.by_id
    assert corpus.by_id["zz.b.1"].section_path == ("A", "B")


# --- files that do not parse ------------------------------------------------------------


def test_malformed_yaml_reports_the_line(root: Path) -> None:
    path = write(root, EXTRA.replace("title: Extra\n", "title: Extra\n  bad: indent\n"))
    found = expect(root, path, line_of(path, "bad: indent"), "", "malformed YAML")
    assert len([p for p in found if path.name in p]) == 1


def test_unclosed_flow_sequence(root: Path) -> None:
    path = write(root, EXTRA.replace("title: Extra", "title: [Extra, more"))
    expect(root, path, line_of(path, "sections:"), "", "malformed YAML")


def test_a_second_yaml_document_in_the_file(root: Path) -> None:
    path = write(root, EXTRA + "---\nid: again\n")
    expect(root, path, line_of(path, "---"), "", "malformed YAML")


def test_not_utf8_names_the_line_and_byte(root: Path) -> None:
    path = root / "documents" / "zz.yaml"
    path.write_bytes(EXTRA.replace("More words.", "More w\xf6rds.").encode("latin-1"))
    expect(root, path, line_of(path, "More w"), "", "not UTF-8 (byte 0xf6)")


def test_control_character(root: Path) -> None:
    path = write(root, EXTRA.replace("More words.", "More\x07 words."))
    expect(root, path, line_of(path, "More"), "", "U+0007 is not allowed")


def test_control_character_after_non_ascii_text(root: Path) -> None:
    # libyaml counts bytes, the pure-Python reader characters: the line must not depend on it.
    path = write(root, EXTRA.replace("Some words", "Sóme wördś").replace("More words.", "M\x01"))
    expect(root, path, line_of(path, "M\x01"), "", "U+0001 is not allowed")


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\ufeff\n"])
def test_empty_file(root: Path, content: str) -> None:
    path = write(root, content)
    expect(root, path, None, "", "file is empty")


def test_only_comments(root: Path) -> None:
    path = write(root, "# nothing here yet\n# still nothing\n")
    expect(root, path, None, "", "file is empty (only comments)")


def test_not_a_mapping_at_the_top(root: Path) -> None:
    path = write(root, "- id: zz\n- title: Extra\n")
    expect(root, path, 1, "", "expected a mapping at the top, got list")


def test_file_too_large(root: Path) -> None:
    path = root / "documents" / "zz.yaml"
    filler = "# " + "x" * 97 + "\n"
    path.write_text(EXTRA + filler * (6_000_000 // len(filler)), encoding="utf-8")
    size = path.stat().st_size
    assert size > MAX_FILE_BYTES
    expect(root, path, None, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")


def test_unreadable_documents_do_not_hide_the_others(root: Path) -> None:
    broken = write(root, "id: [\n", name="aa.yaml")
    wrong = write(root, EXTRA.replace("section: zz.b", "section: zz.nope"))
    found = problems(root)
    assert any(broken.name in p and "malformed YAML" in p for p in found)
    assert any(f"{wrong.name}:{line_of(wrong, 'zz.nope')}: passages[1].section" in p for p in found)


# --- YAML that parses but is wrong ------------------------------------------------------


def test_duplicate_yaml_key(root: Path) -> None:
    path = write(
        root, EXTRA.replace("  text: More words.\n", "  text: More words.\n  text: Again.\n")
    )
    expect(root, path, line_of(path, "text: Again."), "passages[1].text", "duplicate key")


def test_duplicate_top_level_key(root: Path) -> None:
    path = write(root, EXTRA + "title: Twice\n")
    expect(root, path, line_of(path, "title: Twice"), "title", "duplicate key")


def test_unknown_field(root: Path) -> None:
    path = write(
        root, EXTRA.replace("  text: More words.\n", "  text: More words.\n  colour: red\n")
    )
    expect(root, path, line_of(path, "colour:"), "passages[1].colour", "unknown field")


def test_unknown_field_with_a_nested_value_points_at_its_key(root: Path) -> None:
    extra = "  notes:\n    who: me\n    when: today\n"
    path = write(root, EXTRA.replace("  text: More words.\n", "  text: More words.\n" + extra))
    expect(root, path, line_of(path, "notes:"), "passages[1].notes", "unknown field")


def test_unknown_top_level_field(root: Path) -> None:
    path = write(root, EXTRA.replace("title: Extra\n", "title: Extra\nauthor: Someone\n"))
    expect(root, path, line_of(path, "author:"), "author", "unknown field")


def test_jurisdictions_not_a_list(root: Path) -> None:
    path = write(root, EXTRA.replace("  title: B\n", "  title: B\n  jurisdictions: Mars\n"))
    expect(root, path, line_of(path, "Mars"), "sections[1].jurisdictions", "valid list")


def test_unknown_jurisdiction(root: Path) -> None:
    path = write(
        root, EXTRA.replace("  title: B\n", "  title: B\n  jurisdictions:\n  - EU\n  - Mars\n")
    )
    expect(
        root, path, line_of(path, "- Mars"), "sections[1].jurisdictions[1]", "'US', 'EU' or 'China'"
    )


def test_text_must_be_a_string(root: Path) -> None:
    path = write(root, EXTRA.replace("text: More words.", "text: 42"))
    expect(root, path, line_of(path, "text: 42"), "passages[1].text", "valid string")


def test_blank_text(root: Path) -> None:
    path = write(root, EXTRA.replace("text: More words.", "text: '  '"))
    expect(root, path, line_of(path, "text: '  '"), "passages[1].text", "must not be empty")


def test_bad_passage_id(root: Path) -> None:
    path = write(root, EXTRA.replace("- id: zz.b.1", "- id: zz.B 1"))
    expect(root, path, line_of(path, "zz.B 1"), "passages[1].id", "should match pattern")


def test_missing_field_points_at_its_item(root: Path) -> None:
    path = write(root, EXTRA.replace("  text: More words.\n", ""))
    expect(
        root, path, line_of(path, "- id: zz.b.1"), "passages[1].text", "required field is missing"
    )


def test_missing_top_level_field(root: Path) -> None:
    path = write(root, EXTRA.replace("title: Extra\n", ""))
    expect(root, path, line_of(path, "id: zz"), "title", "required field is missing")


def test_document_without_passages(root: Path) -> None:
    path = write(root, EXTRA.split("passages:")[0] + "passages: []\n")
    expect(root, path, line_of(path, "passages: []"), "passages", "at least one passage")


def test_excerpt_without_source(root: Path) -> None:
    path = write(root, EXTRA.replace("  section: zz.b\n", "  section: zz.b\n  kind: excerpt\n"))
    expect(root, path, line_of(path, "- id: zz.b.1"), "passages[1]", "an excerpt needs a `source`")


def test_unknown_kind(root: Path) -> None:
    path = write(root, EXTRA.replace("  section: zz.b\n", "  section: zz.b\n  kind: quote\n"))
    expect(root, path, line_of(path, "kind: quote"), "passages[1].kind", "'review' or 'excerpt'")


def test_recursive_alias_is_an_error_not_a_crash(root: Path) -> None:
    path = write(root, EXTRA + "gaps: &loop\n- *loop\n")
    # An alias in a list has no line of its own in the parsed tree: its anchor's is given.
    expect(root, path, line_of(path, "&loop"), "gaps[0]", "aliases")


def test_alias_expansion_is_refused(root: Path) -> None:
    # "Billion laughs": nine levels of ten aliases would build 10**9 strings.
    levels = ["a0: &a0 [lol]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 10)]
    path = write(root, EXTRA + "\n".join(levels) + "\n")
    expect(root, path, line_of(path, "a0: &a0"), "a1[0]", "aliases")


def test_alias_points_at_its_key(root: Path) -> None:
    path = write(
        root, EXTRA.replace("title: B", "title: &b B").replace("text: More words.", "text: *b")
    )
    expect(root, path, line_of(path, "text: *b"), "passages[1].text", "aliases")


# --- references between files and ids ---------------------------------------------------


def test_duplicate_passage_id_across_files(root: Path) -> None:
    path = write(root, EXTRA.replace("- id: zz.b.1", "- id: osai.intro.1"))
    found = expect(
        root, path, line_of(path, "osai.intro.1"), "passages[1].id", "duplicate id 'osai.intro.1'"
    )
    assert any("also in" in p and "osai.yaml" in p for p in found)


def test_duplicate_passage_id_within_a_file(root: Path) -> None:
    path = write(root, EXTRA.replace("- id: zz.b.1", "- id: zz.a.1"))
    expect(
        root, path, line_of(path, "- id: zz.a.1", nth=2), "passages[1].id", "duplicate id 'zz.a.1'"
    )


def test_duplicate_section_id(root: Path) -> None:
    path = write(root, EXTRA.replace("- id: zz.b\n", "- id: zz.a\n").replace("zz.b", "zz.a"))
    expect(root, path, line_of(path, "- id: zz.a", nth=2), "sections[1].id", "duplicate id 'zz.a'")


def test_unknown_section(root: Path) -> None:
    path = write(root, EXTRA.replace("section: zz.b", "section: zz.c"))
    expect(
        root, path, line_of(path, "section: zz.c"), "passages[1].section", "unknown section 'zz.c'"
    )


def test_unknown_parent(root: Path) -> None:
    path = write(root, EXTRA.replace("parent: zz.a", "parent: zz.x"))
    expect(
        root, path, line_of(path, "parent: zz.x"), "sections[1].parent", "unknown section 'zz.x'"
    )


def test_section_cycle(root: Path) -> None:
    path = write(root, EXTRA.replace("  title: A\n", "  title: A\n  parent: zz.b\n"))
    expect(root, path, line_of(path, "parent: zz.b"), "sections[0].parent", "cycle")


def test_unknown_source_of_an_excerpt(root: Path) -> None:
    extra = "  kind: excerpt\n  source: nobody_said_this\n"
    path = write(root, EXTRA.replace("  section: zz.b\n", "  section: zz.b\n" + extra))
    expect(
        root,
        path,
        line_of(path, "nobody_said_this"),
        "passages[1].source",
        "unknown source 'nobody_said_this'",
    )


def test_unknown_source_in_cites(root: Path) -> None:
    extra = "  cites:\n  - source: meta_llama2\n  - source: no_such_paper\n"
    path = write(root, EXTRA.replace("  text: More words.\n", "  text: More words.\n" + extra))
    expect(
        root,
        path,
        line_of(path, "no_such_paper"),
        "passages[1].cites[1].source",
        "unknown source 'no_such_paper'",
    )


def test_cite_quote_not_in_the_text(root: Path) -> None:
    extra = "  cites:\n  - source: meta_llama2\n    quote: closed weights\n"
    path = write(
        root,
        EXTRA.replace(
            "  text: Some words about open weights.\n",
            "  text: Some words about open weights.\n" + extra,
        ),
    )
    expect(
        root,
        path,
        line_of(path, "quote: closed weights"),
        "passages[0].cites[0].quote",
        "does not occur",
    )


def test_cite_quote_in_the_text_is_fine(root: Path) -> None:
    extra = "  cites:\n  - source: meta_llama2\n    quote: open weights\n"
    write(
        root,
        EXTRA.replace(
            "  text: Some words about open weights.\n",
            "  text: Some words about open weights.\n" + extra,
        ),
    )
    assert load_corpus(root).by_id["zz.a.1"].cited[0].id == "meta_llama2"


@pytest.mark.parametrize("chrome", ["[LW · GW]", "[EA · GW]", "Comments sorted by top scores"])
def test_page_chrome_in_text(root: Path, chrome: str) -> None:
    path = write(root, EXTRA.replace("text: More words.", f"text: More words {chrome} here."))
    expect(root, path, line_of(path, "More words"), "passages[1].text", "page chrome")


def test_gap_after_unknown_passage(root: Path) -> None:
    gap = "gaps:\n- id: zz.gaps.one\n  section: zz.a\n  after: zz.a.9\n  lost: A paragraph.\n"
    path = write(root, EXTRA + gap)
    expect(root, path, line_of(path, "after: zz.a.9"), "gaps[0].after", "unknown passage 'zz.a.9'")


def test_gap_reads_unknown_source(root: Path) -> None:
    gap = "gaps:\n- id: zz.gaps.one\n  lost: A paragraph.\n"
    gap += "  read_instead:\n  - meta_llama2\n  - nowhere\n"
    path = write(root, EXTRA + gap)
    expect(
        root,
        path,
        line_of(path, "- nowhere"),
        "gaps[0].read_instead[1]",
        "unknown source 'nowhere'",
    )


# --- sources.yaml and lexicon.yaml ------------------------------------------------------


def _append_source(root: Path, entry: str) -> tuple[Path, int]:
    """Append a source to sources.yaml; return the file and the new source's index."""
    path = root / "sources.yaml"
    count = len(yaml.safe_load(path.read_text(encoding="utf-8"))["sources"])
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    return path, count


def test_duplicate_source_id(root: Path) -> None:
    path, i = _append_source(root, "\n  - id: meta_llama2\n    title: Again\n")
    line = line_of(path, "- id: meta_llama2", nth=2)
    expect(root, path, line, f"sources[{i}].id", "duplicate id 'meta_llama2'")


def test_bad_source_date(root: Path) -> None:
    path, i = _append_source(root, "\n  - id: later\n    title: Later\n    date: soon\n")
    expect(root, path, line_of(path, "date: soon"), f"sources[{i}].date", "must be YYYY")


def test_unconfirmed_what(root: Path) -> None:
    path, i = _append_source(
        root, "\n  - id: later\n    title: Later\n    unconfirmed: [url, colour]\n"
    )
    expect(root, path, line_of(path, "colour"), f"sources[{i}].unconfirmed[1]", "Input should be")


def test_broken_sources_file_is_reported_once(root: Path) -> None:
    path = root / "sources.yaml"
    path.write_text("sources: [\n", encoding="utf-8")
    found = problems(root)
    assert any(path.name in p and "malformed YAML" in p for p in found)
    assert not any("unknown source" in p for p in found), found


LEXICON = """\
jurisdictions:
  US: {aliases: [United States]}
  EU: {aliases: [Europe]}
  China: {aliases: [PRC]}
synonyms:
  - [open weights, open-weight]
  - [lonely]
"""


def test_lexicon_synonym_group_of_one(root: Path) -> None:
    path = root / "lexicon.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    expect(root, path, line_of(path, "synonyms:"), "synonyms", "two or more phrases: ['lonely']")


def test_lexicon_unknown_jurisdiction(root: Path) -> None:
    path = root / "lexicon.yaml"
    path.write_text(LEXICON.replace("China:", "Mars:"), encoding="utf-8")
    expect(root, path, line_of(path, "Mars:"), "jurisdictions.Mars", "'US', 'EU' or 'China'")


def test_lexicon_not_place_without_a_place(root: Path) -> None:
    path = root / "lexicon.yaml"
    path.write_text(
        LEXICON.replace("  - [lonely]\n", "not_places: [Europe Day, butterfly effect]\n"),
        encoding="utf-8",
    )
    expect(
        root,
        path,
        line_of(path, "not_places:"),
        "not_places",
        "'butterfly effect' neither starts nor ends with the name of a place",
    )


def test_missing_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as caught:
        load_corpus(tmp_path / "nowhere")
    assert "corpus folder does not exist" in str(caught.value)


def test_no_documents(root: Path) -> None:
    (root / "documents" / "osai.yaml").unlink()
    assert any("no document files" in p for p in problems(root))


def test_every_problem_is_reported(root: Path) -> None:
    path = write(
        root,
        EXTRA.replace("section: zz.b", "section: zz.c")
        .replace("parent: zz.a", "parent: zz.x")
        .replace("text: Some words about open weights.", "text: Words [LW · GW]."),
    )
    found = problems(root)
    assert len([p for p in found if path.name in p]) == 3, found


def test_a_passage_question_must_be_answered_by_its_passage(root: Path) -> None:
    questions = (
        "text: More words.\n  questions:\n  - q: What else?\n    answer: words\n"
        "  - q: Anything more?\n    answer: nowhere in it\n"
    )
    path = write(root, EXTRA.replace("text: More words.\n", questions))
    expect(
        root,
        path,
        line_of(path, "answer: nowhere"),
        "passages[1].questions[1].answer",
        "answer does not occur in the passage text",
    )
