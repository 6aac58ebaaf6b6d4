"""A validated corpus is snapshotted, and the snapshot is used only while nothing changed."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import corpus.models as models
import corpus.types as types
from corpus import cachefiles, snapshot
from corpus.load import PACKAGED_CORPUS, Corpus, CorpusError, Entry, load_corpus, section_chain

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
    return sorted(cache.glob("corpus-*.snapshot"))


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


def _split(raw: bytes) -> tuple[bytes, dict[str, Any], bytes]:
    magic, header, body = raw.split(b"\n", 2)
    return magic + b"\n", json.loads(header), body


def _sealed(magic: bytes, header: dict[str, Any], body: bytes) -> bytes:
    """A snapshot file with this header and body, its checksum made to match."""
    header = {**header, "sha256": hashlib.sha256(body).hexdigest()}
    return magic + json.dumps(header).encode() + b"\n" + body


def _resealed(raw: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    magic, header, body = _split(raw)
    return _sealed(magic, header, edit(body))


def _meta_edited(raw: bytes, edit: Callable[[dict[str, Any]], object]) -> bytes:
    """The snapshot with its `meta` part edited, sizes and checksum made to match."""
    magic, header, body = _split(raw)
    sizes = dict(header["parts"])
    meta = json.loads(body[: sizes["meta"]])
    edit(meta)
    new = json.dumps(meta).encode()
    header["parts"] = [[n, len(new) if n == "meta" else k] for n, k in header["parts"]]
    return _sealed(magic, header, new + body[sizes["meta"] :])


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"[]",  # not ours
        lambda raw: raw.replace(b'"key": "', b'"key": "0', 1),  # another corpus's
        # A section id altered inside: the checksum no longer matches.
        lambda raw: raw.replace(b"osai.policy.eu", b"osai.policy.xx", 1),
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 1]),  # one bit flipped
        lambda raw: raw.replace(b'"byteorder": "', b'"byteorder": "x', 1),
        # Checksums that match, on data this code did not write.
        lambda raw: _resealed(raw, lambda body: body[:-3]),
        lambda raw: _meta_edited(raw, lambda meta: meta.update(passages=1)),
        lambda raw: _meta_edited(raw, lambda meta: meta["tables"].pop("kind")),
        lambda raw: _meta_edited(raw, lambda meta: meta["tables"].update(kind=[])),
        lambda raw: _meta_edited(raw, lambda meta: meta["documents"].clear()),
        lambda raw: _meta_edited(raw, lambda meta: meta["separators"].update(text="")),
    ],
    ids=[
        "truncated",
        "foreign",
        "other-key",
        "altered",
        "bit-flip",
        "byte-order",
        "short-body",
        "passage-count",
        "no-table",
        "index-out-of-range",
        "no-documents",
        "no-separator",
    ],
)
def test_a_damaged_snapshot_is_validated_again_and_rewritten(
    folder: Path, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache = tmp_path / "cache"
    good = load_corpus(folder, cache_dir=cache)
    (path,) = snapshots(cache)
    original = path.read_bytes()
    damaged = damage(original)
    assert damaged != original
    path.write_bytes(damaged)
    key = _split(original)[1]["key"]
    assert isinstance(key, str) and snapshot.read(key, cache) is None
    assert load_corpus(folder, cache_dir=cache) == good
    assert path.read_bytes() == original  # validated again, and written again


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


def test_snapshots_of_the_format_before_are_deleted(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    old = cache / "corpus-0123456789abcdef.json"
    old.write_text("{}", encoding="utf-8")
    other = cache / "index-0123.json"  # not ours to delete
    other.write_text("{}", encoding="utf-8")
    load_corpus(folder, cache_dir=cache)
    assert not old.exists() and other.exists() and len(snapshots(cache)) == 1


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


def _reference_entries(corpus: Corpus) -> list[Entry]:
    """Entries as the loader made them one by one before it built them by columns."""
    entries: list[Entry] = []
    for doc in corpus.documents:
        sections = {s.id: s for s in doc.sections}
        for passage in doc.passages:
            chain = section_chain(sections[passage.section], sections)
            inherited = {j for s in chain for j in s.jurisdictions}
            named = [corpus.sources.get(c.source) for c in passage.cites]
            entries.append(
                Entry(
                    id=passage.id,
                    order=len(entries),
                    document=doc,
                    section=sections[passage.section],
                    section_path=tuple(s.title for s in chain),
                    kind=passage.kind,
                    text=passage.text,
                    jurisdictions=frozenset(inherited | set(passage.jurisdictions)),
                    source=corpus.sources[passage.source] if passage.source else None,
                    cited=tuple(s for s in named if s),
                    questions=passage.questions,
                    page=passage.page,
                    links=passage.links,
                    lost_links=passage.lost_links,
                )
            )
    return entries


def _generated(root: Path, seed: int = 7) -> Path:
    """A corpus of two documents with every field a passage may have, in varied
    combinations, and texts with characters a snapshot must keep: newlines, NUL and
    other control characters, accents, CJK, emoji."""
    rng = random.Random(seed)
    (root / "documents").mkdir(parents=True)
    shutil.copy(PACKAGED_CORPUS / "lexicon.yaml", root / "lexicon.yaml")
    sources = [
        {"id": f"src{i}", "title": f"Source {i}", "authors": ["A. Author"], "url": f"https://s/{i}"}
        for i in range(4)
    ]
    (root / "sources.yaml").write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
    words = ["open", "weights", "Règlement", "模型", "😀", "law", "model", "e\u0301t\u00e9", "a\tb"]
    places = [[], ["US"], ["EU"], ["China"], ["EU", "US"], ["US", "EU"]]
    for d in range(2):
        sections: list[dict[str, object]] = []
        for s in range(6):
            section: dict[str, object] = {"id": f"d{d}.s{s}", "title": f"Part {s} of {d}"}
            if s:
                section["parent"] = f"d{d}.s{rng.randrange(s)}"
            if rng.random() < 0.4:
                section["jurisdictions"] = list(rng.choice(places[1:]))
            sections.append(section)
        passages = []
        for n in range(120):
            text = " ".join(rng.choice(words) for _ in range(rng.randrange(3, 30)))
            text += rng.choice(["", "\nsecond line", " \x00 nul", " \x1f unit"])
            passage: dict[str, object] = {
                "id": f"d{d}.p{n}",
                "section": f"d{d}.s{rng.randrange(6)}",
                "text": text,
            }
            if rng.random() < 0.2:
                passage.update(kind="excerpt", source=f"src{rng.randrange(4)}")
            elif rng.random() < 0.2:
                passage["source"] = f"src{rng.randrange(4)}"
            if rng.random() < 0.3:
                passage["cites"] = [
                    {"source": f"src{rng.randrange(4)}", "quote": text.split()[0]},
                    {"source": f"src{rng.randrange(4)}"},
                ][: rng.randrange(1, 3)]
            if rng.random() < 0.3:
                passage["jurisdictions"] = list(rng.choice(places))
            if rng.random() < 0.3:
                passage["questions"] = [{"q": f"what is {n}?", "answer": text.split()[-1]}]
            if rng.random() < 0.3:
                passage["links"] = [{"text": text.split()[0], "url": f"https://l/{n}"}]
            if rng.random() < 0.5:
                passage["page"] = rng.randrange(1, 3)
            if rng.random() < 0.3:
                passage["lost_links"] = [text.split()[-1]]
            if rng.random() < 0.1:
                passage["recovered_from"] = "https://elsewhere"
            passages.append(passage)
        document = {
            "id": f"doc{d}",
            "title": f"Document {d}",
            "date": "2024-04-29",
            "sections": sections,
            "passages": passages,
            "gaps": [{"id": f"d{d}.g", "section": f"d{d}.s1", "after": f"d{d}.p3", "lost": "x"}],
        }
        (root / "documents" / f"doc{d}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True), encoding="utf-8"
        )
    return root


@pytest.mark.parametrize("which", ["packaged", "generated"])
def test_the_snapshot_gives_the_entries_the_yaml_gives(which: str, tmp_path: Path) -> None:
    if which == "packaged":
        root = tmp_path / "corpus"
        shutil.copytree(PACKAGED_CORPUS, root)
    else:
        root = _generated(tmp_path / "corpus")
    cache = tmp_path / "cache"
    from_yaml = load_corpus(root, snapshots=False)
    load_corpus(root, cache_dir=cache)  # writes the snapshot
    assert len(snapshots(cache)) == 1
    from_snapshot = load_corpus(root, cache_dir=cache)
    assert from_snapshot == from_yaml
    assert from_snapshot.entries == from_yaml.entries == tuple(_reference_entries(from_yaml))
    for ours, theirs in zip(from_snapshot.entries, from_yaml.entries, strict=True):
        # Every value of every field, and its type (a tuple stays a tuple, 1 never True).
        for field in dataclasses.fields(Entry):
            mine, yours = getattr(ours, field.name), getattr(theirs, field.name)
            assert type(mine) is type(yours) and mine == yours, field.name
        assert ours.url == theirs.url
    if which == "generated":
        texts = "".join(e.text for e in from_snapshot.entries)
        assert "\x00" in texts and "\n" in texts and "😀" in texts
        assert any(e.page for e in from_snapshot.entries)
        assert any(len(e.jurisdictions) > 1 for e in from_snapshot.entries)


def test_fill_makes_what_the_constructor_makes() -> None:
    rows = [
        {
            "id": f"s{i}",
            "title": "t",
            "parent": None,
            "jurisdictions": ("EU",)[: i % 2],
            "finding": None,
            "summary": bool(i % 3),
        }
        for i in range(5)
    ]
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    assert types.fill(types.Section, columns) == [types.Section(**row) for row in rows]  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        types.fill(types.Section, {**columns, "title": ["t"]})
    with pytest.raises(ValueError):
        types.fill(types.Section, {k: v for k, v in columns.items() if k != "title"})


@pytest.mark.parametrize(
    "strings",
    [[], ["a", "b\x00c", "", "é 模型 😀"], [chr(i) for i in range(128)] + ["é"]],
    ids=["none", "nul-inside", "every-ascii-character"],
)
def test_strings_are_joined_by_a_character_none_holds(strings: list[str]) -> None:
    separator = snapshot._unused(strings)
    assert not any(separator in s for s in strings)
    joined = memoryview(separator.join(strings).encode())
    assert snapshot._strings(joined, separator, len(strings)) == strings
