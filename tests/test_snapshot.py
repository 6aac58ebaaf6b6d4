"""A validated corpus is snapshotted, and the snapshot is used only while nothing changed."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpus.models as models
import corpus.types as types
from corpus import cachefiles, snapshot
from corpus.load import PACKAGED_CORPUS, Corpus, CorpusError, load_corpus

PAIRS = [
    (models.Section, types.Section),
    (models.Cite, types.Cite),
    (models.Link, types.Link),
    (models.Passage, types.Passage),
    (models.Gap, types.Gap),
    (models.Document, types.Document),
    (models.Source, types.Source),
    (models.JurisdictionTerms, types.JurisdictionTerms),
    (models.Lexicon, types.Lexicon),
]


@pytest.mark.parametrize(("model", "plain"), PAIRS, ids=[p.__name__ for _, p in PAIRS])
def test_the_plain_types_have_the_models_fields(model: type, plain: type) -> None:
    fields = [f.name for f in dataclasses.fields(plain)]
    assert fields == list(model.model_fields), "corpus/types.py and corpus/models.py differ"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(PACKAGED_CORPUS, copy)
    return copy


def snapshots(cache: Path) -> list[Path]:
    return sorted(cache.glob("corpus-*.json"))


def test_a_snapshot_loads_the_same_corpus(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    validated = load_corpus(folder, snapshots=False)
    assert snapshots(cache) == []
    first = load_corpus(folder, cache_dir=cache)  # validates, then writes the snapshot
    assert len(snapshots(cache)) == 1
    second = load_corpus(folder, cache_dir=cache)
    assert validated == first == second
    assert second.entries[0].document.date == validated.entries[0].document.date


def test_a_snapshot_spares_pydantic_and_yaml(folder: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from corpus.load import load_corpus; "
        f"c = load_corpus({str(folder)!r}, cache_dir={str(tmp_path)!r}); "
        "print(len(c.entries), 'pydantic' in sys.modules, 'yaml' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, second = (r.stdout.split() for r in runs)
    assert first[1:] == ["True", "True"]  # nothing to read yet: validated
    assert second[1:] == ["False", "False"] and second[0] == first[0]


def test_an_edited_file_is_validated_again(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_corpus(folder, cache_dir=cache)
    sources = folder / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    after = load_corpus(folder, cache_dir=cache)
    assert after.version != before.version and len(snapshots(cache)) == 2
    document = next((folder / "documents").glob("*.yaml"))
    document.write_text(document.read_text(encoding="utf-8") + "\nbogus: 1\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="bogus: unknown field"):
        load_corpus(folder, cache_dir=cache)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "[]",  # not ours
        lambda text: text.replace('"key": "', '"key": "0', 1),  # another corpus's
        lambda text: json.dumps({"key": json.loads(text)["key"], "corpus": {"sources": 1}}),
        # A passage whose section does not exist: the snapshot is not a valid corpus.
        lambda text: text.replace('"section": "osai.', '"section": "nowhere.', 1),
    ],
    ids=["truncated", "foreign", "other-key", "malformed", "inconsistent"],
)
def test_a_damaged_snapshot_is_validated_again_and_rewritten(
    folder: Path, tmp_path: Path, damage: object
) -> None:
    cache = tmp_path / "cache"
    good = load_corpus(folder, cache_dir=cache)
    (path,) = snapshots(cache)
    original = path.read_text(encoding="utf-8")
    damaged = damage(original)  # type: ignore[operator]
    assert damaged != original
    path.write_text(damaged, encoding="utf-8")
    assert load_corpus(folder, cache_dir=cache) == good
    assert snapshot.read(json.loads(path.read_text(encoding="utf-8"))["key"], cache) is not None


def test_an_unwritable_cache_folder_still_loads(folder: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert load_corpus(folder, cache_dir=blocked / "cache").entries


def test_only_the_newest_snapshots_are_kept(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    lexicon = folder / "lexicon.yaml"
    text = lexicon.read_text(encoding="utf-8")
    for i in range(cachefiles.KEEP + 3):
        lexicon.write_text(text + f"\n# edit {i}\n", encoding="utf-8")
        load_corpus(folder, cache_dir=cache)
    assert len(snapshots(cache)) == cachefiles.KEEP


def test_the_key_covers_every_byte_and_name() -> None:
    files = [("sources.yaml", b"a"), ("lexicon.yaml", b"b"), ("documents/x.yaml", b"c")]
    key = snapshot.key_of(files)
    assert key == snapshot.key_of(list(files))
    assert key != snapshot.key_of([*files[:2], ("documents/x.yaml", b"d")])
    assert key != snapshot.key_of([*files[:2], ("documents/y.yaml", b"c")])
    assert key != snapshot.key_of([("sources.yaml", b"ab"), ("lexicon.yaml", b""), files[2]])


def test_plain_types_round_trip_through_json(corpus: Corpus) -> None:
    for document in corpus.documents:
        text = json.dumps(document, default=types.json_default)
        assert types.build(types.Document, json.loads(text)) == document
    with pytest.raises(TypeError):
        json.dumps(object(), default=types.json_default)
