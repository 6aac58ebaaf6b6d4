"""TokenTable: the tokenizer's own ids for texts made of known pieces, without reading it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tokenizers import Tokenizer

from corpus.load import Corpus
from retrieval import embedding
from retrieval.embedding import Bpe, Embedder, TokenTable, normalize, split
from retrieval.semantic import layout_of

EVALSETS = Path(embedding.__file__).parent / "evalsets"
ODD = ["", " ", "  two  spaces  ", "<s> hi", "a</s>b", "<unk>", "tabs\tand\nnewlines", "x" * 300]
ODD += ["Ünïcödé 😀 开源模型", "U.S. (2024), e.g. “quoted”?!", "▁already▁marked", "a\0b", "²."]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Embedder.load().tokenizer


@pytest.fixture(scope="module")
def corpus_texts(corpus: Corpus) -> list[str]:
    return layout_of(corpus)[0]


@pytest.fixture(scope="module")
def table(tokenizer: Tokenizer, corpus_texts: list[str]) -> TokenTable:
    return TokenTable.build(tokenizer, corpus_texts)


def _questions() -> list[str]:
    found = []
    for name in ("regression", "dev", "test"):
        data = yaml.safe_load((EVALSETS / f"{name}.yaml").read_text(encoding="utf-8"))
        found += [case["q"] for case in data["questions"]]
    return found


def _real(tokenizer: Tokenizer, texts: list[str]) -> list[list[int]]:
    return [e.ids for e in tokenizer.encode_batch_fast(texts, add_special_tokens=False)]


def _known_agree(table: TokenTable, tokenizer: Tokenizer, texts: list[str]) -> int:
    """Assert the table's ids are the tokenizer's wherever it knows them; how many it knew."""
    known = 0
    for text, ids in zip(texts, _real(tokenizer, texts), strict=True):
        found = table.token_ids(text)
        if found is not None:
            assert found == ids, text
            known += 1
    return known


def test_split_cuts_before_spaces_and_after_words() -> None:
    assert split(normalize("What does the EU AI Act exempt?")) == [
        "▁What", "▁does", "▁the", "▁EU", "▁AI", "▁Act", "▁exempt", "?",
    ]  # fmt: skip
    assert split(normalize(" a  b ")) == ["▁▁a", "▁▁b", "▁"]
    assert split(normalize("")) == []


def test_the_bundled_tokenizer_can_be_split(table: TokenTable) -> None:
    assert len(table) > 10_000  # the corpus's pieces and the vocabulary's


def test_every_corpus_text_gets_the_tokenizers_ids(
    table: TokenTable, tokenizer: Tokenizer, corpus_texts: list[str]
) -> None:
    assert _known_agree(table, tokenizer, corpus_texts) == len(corpus_texts)


def test_questions_and_odd_texts_get_the_tokenizers_ids_or_none(
    table: TokenTable, tokenizer: Tokenizer
) -> None:
    questions = _questions()
    assert _known_agree(table, tokenizer, questions) == len(questions)
    assert _known_agree(table, tokenizer, ODD) == len(ODD) - 3  # three added tokens


def test_added_tokens_are_left_to_the_tokenizer(table: TokenTable) -> None:
    for text in ("<s> hi", "a</s>b", "<unk>"):
        assert table.token_ids(text) is None


def _words() -> list[str]:
    """The shipped list of English words."""
    lines = (EVALSETS.parent / "data" / "english-zipf.txt").read_text(encoding="utf-8").splitlines()
    return [word for line in lines if not line.startswith("#") for word in line.split()[1:]]


def _agree(bpe: Bpe, tokenizer: Tokenizer, pieces: set[str]) -> None:
    for piece in sorted(pieces):
        assert bpe.token_ids(piece) == [t.id for t in tokenizer.model.tokenize(piece)], piece


def test_the_bpe_gives_the_models_ids_for_english_and_question_words(
    table: TokenTable, tokenizer: Tokenizer
) -> None:
    words = _words()
    assert len(words) > 50_000
    pieces = {f"▁{word}" for word in words} | {f"▁{word.capitalize()}" for word in words}
    pieces |= {piece for text in _questions() + ODD for piece in split(normalize(text))}
    _agree(table.bpe, tokenizer, pieces)


def test_the_bpe_gives_the_models_ids_for_generated_words(
    table: TokenTable, tokenizer: Tokenizer
) -> None:
    draw = np.random.default_rng(11)
    letters = [*"abcdefghijklmnopqrstuvwxyzAEIOUQXZ0189éüßœ’'-_.开😀▁<>", "<0x41>", "ing"]
    words = {"".join(draw.choice(letters, size=draw.integers(1, 16))) for _ in range(20_000)}
    _agree(table.bpe, tokenizer, words | {f"▁{word}" for word in words} | {"x" * 300, "\0"})


def test_a_bpe_only_for_the_model_it_reproduces(tokenizer: Tokenizer) -> None:
    model = _config(tokenizer)["model"]
    assert len(Bpe.of(model).merges) == len(model["merges"])
    for change in (
        {"byte_fallback": False},
        {"continuing_subword_prefix": "##"},
        {"end_of_word_suffix": "</w>"},
        {"merges": [*model["merges"], ["▁", "qqq"]]},  # makes a token it does not have
        {"vocab": {**model["vocab"], "a\0": len(model["vocab"])}},
    ):
        assert Bpe.of({**model, **change}).token_ids("▁hi") is None, change


# Characters at the edges of the rule: letters, digits, punctuation, spaces, "▁", the
# superscript two (a digit to isalnum, not to isdigit), quotes, CJK, emoji, "<s>" parts.
_ALPHABET = [*"aZé9²_.,?!;:'’\"()-/ \t\n▁<>s开😀", "<s>", "the", "Act", "model"]


@pytest.fixture(scope="module")
def pool() -> list[str]:
    """Texts of up to 12 characters of `_ALPHABET`, drawn with a fixed seed."""
    draw = np.random.default_rng(7)
    return ["".join(draw.choice(_ALPHABET, size=draw.integers(13))) for _ in range(2000)]


@pytest.fixture(scope="module")
def pool_table(tokenizer: Tokenizer, pool: list[str]) -> TokenTable:
    return TokenTable.build(tokenizer, pool)


def test_texts_of_odd_characters_get_the_tokenizers_ids(
    pool_table: TokenTable, tokenizer: Tokenizer, pool: list[str]
) -> None:
    plain = [text for text in pool if "<s>" not in text]
    assert _known_agree(pool_table, tokenizer, plain) == len(plain)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_texts_made_of_known_ones_get_the_tokenizers_ids_or_none(
    pool_table: TokenTable, tokenizer: Tokenizer, pool: list[str], data: st.DataObject
) -> None:
    parts = data.draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4))
    joiner = data.draw(st.sampled_from(["", " ", "  ", "\n"]))
    _known_agree(pool_table, tokenizer, [joiner.join(parts)])


def _config(tokenizer: Tokenizer) -> dict[str, Any]:
    config: dict[str, Any] = json.loads(tokenizer.to_str())
    return config


def test_a_tokenizer_that_cannot_be_split_gets_no_table(tokenizer: Tokenizer) -> None:
    assert embedding._splittable(_config(tokenizer))
    other = _config(tokenizer)
    other["pre_tokenizer"] = {"type": "Whitespace"}
    assert not embedding._splittable(other)
    across = _config(tokenizer)
    across["model"]["merges"].append(["t", "?"])  # a token "t?" would span a cut
    assert not embedding._splittable(across)
    assert not embedding._splittable({**_config(tokenizer), "normalizer": None})
    matched_later = _config(tokenizer)
    matched_later["added_tokens"][0]["normalized"] = True  # matched in the normalised text
    assert not embedding._splittable(matched_later)


def test_an_embedder_with_a_table_gives_the_same_vectors(
    table: TokenTable, corpus_texts: list[str]
) -> None:
    texts = corpus_texts + _questions() + ODD
    with_table = Embedder.load(table=table)
    np.testing.assert_array_equal(with_table.embed(texts), Embedder.load().embed(texts))


def test_a_known_question_does_not_read_the_tokenizer(table: TokenTable) -> None:
    embedder = Embedder.load(table=table)
    embedder.embed(["What does the EU AI Act exempt?", "Qwertyuiop zxcvbnm?"])
    assert "tokenizer" not in vars(embedder)  # the cached_property was never read
    embedder.embed(["<s> hi"])
    assert "tokenizer" in vars(embedder)
