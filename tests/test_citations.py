"""Citations (retrieval/citations.py) and `python -m bot cite`."""

from __future__ import annotations

import re

import pytest

from bot.__main__ import main
from corpus.load import Corpus, load_corpus
from retrieval.citations import STYLES, bibtex_key, cite, parse_style

EU = "osai.policy.eu.1"
URL = (
    "https://forum.effectivealtruism.org/posts/vCpgHCFzS3xaio2Lm/open-source-ai-a-regulatory-review"
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def test_apa(corpus: Corpus) -> None:
    c = cite(corpus.by_id[EU], "apa")
    assert c.reference == (
        "Mckernon, E., & Cheng, D. (2024, April 29). Open-Source AI: A Regulatory Review. "
        f"Convergence Analysis. {URL}"
    )
    assert c.in_text == "(Mckernon & Cheng, 2024, section “The EU”)"
    assert c.quoted_source is None


def test_chicago(corpus: Corpus) -> None:
    c = cite(corpus.by_id[EU], "chicago")
    assert c.reference == (
        "Mckernon, Elliot, and Deric Cheng. “Open-Source AI: A Regulatory Review.” "
        f"Convergence Analysis, April 29, 2024. {URL}."
    )
    assert c.in_text == "Mckernon and Cheng, “Open-Source AI,” sec. “The EU.”"


def test_mla(corpus: Corpus) -> None:
    c = cite(corpus.by_id[EU], "mla")
    assert c.reference == (
        "Mckernon, Elliot, and Deric Cheng. “Open-Source AI: A Regulatory Review.” "
        f"Convergence Analysis, 29 Apr. 2024, {URL.removeprefix('https://')}."
    )
    assert c.in_text == "(Mckernon and Cheng, sec. “The EU”)"


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """A strict little BibTeX reader: @type{key, field = {balanced}, ...}."""
    entries = []
    for m in re.finditer(r"@(\w+)\{([A-Za-z0-9_:-]+),\n(.*?)\n\}", text, re.S):
        fields = {}
        for line in m[3].splitlines():
            f = re.fullmatch(r"  (\w+) = \{(.*)\},", line)
            assert f, line
            depth = 0
            for ch in f[2].replace("\\{", "").replace("\\}", ""):
                depth += {"{": 1, "}": -1}.get(ch, 0)
                assert depth >= 0, line
            assert depth == 0, line
            fields[f[1]] = f[2]
        entries.append((m[1], m[2], fields))
    return entries


def test_bibtex_is_valid_with_a_stable_key(corpus: Corpus) -> None:
    ((kind, key, fields),) = parse_bibtex(cite(corpus.by_id[EU], "bibtex").reference)
    assert (kind, key) == ("online", "mckernon2024opensource")
    assert fields["author"] == "Mckernon, Elliot and Cheng, Deric"
    assert fields["title"] == "{Open-Source AI: A Regulatory Review}"
    assert fields["date"] == "2024-04-29"
    assert fields["organization"] == "Convergence Analysis"
    assert fields["url"] == URL
    assert fields["note"] == "Section: Current Regulatory Policies > The EU"
    # The same key for every passage: it names the review, not the passage.
    other = corpus.entries[0]
    assert "@online{mckernon2024opensource," in cite(other, "bibtex").reference


def test_every_passage_and_style_cites_and_excerpts_cite_their_source(corpus: Corpus) -> None:
    for entry in corpus.entries:
        for style in STYLES:
            c = cite(entry, style)
            assert c.reference
            if entry.kind == "excerpt" and entry.source is not None:
                assert c.quoted_source and entry.source.title in c.quoted_source
                if style == "bibtex":
                    assert len(parse_bibtex(c.quoted_source)) == 1
                # An unconfirmed URL is never cited.
                if entry.source.confirmed_url is None and entry.source.url:
                    assert entry.source.url not in c.quoted_source
            else:
                assert c.quoted_source is None


def test_bibtex_escapes_and_keys() -> None:
    assert bibtex_key(("Touvron et al., Meta",), "2023-07", "Llama 2: Open Foundation") == (
        "touvron2023llama"
    )
    assert bibtex_key(("Mozilla and signatories",), None, "The Joint Statement") == (
        "mozillandjoint"
    )
    assert parse_style("BibTeX") == "bibtex" and parse_style("nope") is None


def test_cli_cite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", EU, "--style", "bibtex"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("@online{mckernon2024opensource,")
    assert main(["cite", EU]) == 0
    out = capsys.readouterr().out
    for name in ("== APA", "== Chicago", "== MLA", "== BibTeX"):
        assert name in out
    assert main(["cite", "no.such.passage"]) == 1
    assert "no passage" in capsys.readouterr().err


def test_cli_contents(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["contents"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Open-Source AI: A Regulatory Review"
    assert "  Introduction (2 passages, from osai.intro.1)" in lines
    assert "    China (1 passage, from osai.policy.china.1)" in lines
