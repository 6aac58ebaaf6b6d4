"""A corpus folder as a whole: make an empty one (`corpus init`), take a document out of one
(`corpus remove`). Adding one is corpus/importer.py's job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.load import Corpus, CorpusError, Problem, load_corpus

SOURCES_TEMPLATE = """\
# The works your documents quote or name. A passage that quotes one says so with
# `kind: excerpt` and `source: ID`; one that names it lists it under `cites`.
# Each entry: id (lower-case letters, digits, _), title, and optionally authors, venue,
# date (YYYY, YYYY-MM or YYYY-MM-DD), url, unconfirmed: [url, date, ...], notes.
#
#   - id: eu_ai_act
#     title: Artificial Intelligence Act
#     authors: [European Parliament, Council of the EU]
#     date: "2024-06-13"
#     url: https://eur-lex.europa.eu/eli/reg/2024/1689/oj
sources: []
"""

LEXICON_TEMPLATE = """\
# How readers name things in questions: what the bot widens a question with.
#
# jurisdictions: the three the bot knows (US, EU, China; the code names them). Extend a
#   jurisdiction by adding to its `aliases` (matched in any casing) or `case_sensitive`
#   (matched only as written: "US" is a country, "us" a pronoun).
# uncovered: places your documents do not cover, so the bot says so instead of quoting
#   something unrelated, e.g.   the UK: [UK, United Kingdom, Britain, British]
# synonyms: groups of interchangeable phrases; a question using one searches them all,
#   e.g.   - [open weights, open-weight, model weights]
# generic: everyday question words that say nothing about the topic (searched, not required).
# not_places: phrases in which a place's name means something else, so a question holding
#   one does not ask about the place, e.g.   [Brussels effect, Chinese room]
jurisdictions:
  US:
    flag: "🇺🇸"
    aliases: [United States, U.S., USA, America, American, federal government]
    case_sensitive: [US]
  EU:
    flag: "🇪🇺"
    aliases: [EU, European Union, E.U., Europe, European, European Commission]
  China:
    flag: "🇨🇳"
    aliases: [China, Chinese, PRC, People's Republic of China, Beijing]
uncovered: {}
synonyms: []
generic: []
not_places: []
"""


class FolderError(Exception):
    """The folder cannot be made or changed; the message is one line for the user."""


@dataclass
class Removed:
    """What `remove_document` took out, and the corpus left."""

    path: Path
    passages: int
    corpus: Corpus


def init_corpus(root: Path) -> list[Path]:
    """Make `root` a valid corpus with no documents; the files written.

    Refuses a folder that already holds a corpus file, so nothing anyone wrote is replaced.
    """
    files = [root / "sources.yaml", root / "lexicon.yaml"]
    if root.exists() and not root.is_dir():
        raise FolderError(f"{root}: exists and is not a folder")
    taken = [p for p in files if p.exists()]
    if taken:
        raise FolderError(f"{taken[0]} already exists; {root} is a corpus already")
    (root / "documents").mkdir(parents=True, exist_ok=True)
    for path, text in zip(files, (SOURCES_TEMPLATE, LEXICON_TEMPLATE), strict=True):
        path.write_text(text, encoding="utf-8")
    return [root / "documents", *files]


def document_file(root: Path, doc_id: str) -> Path:
    """The file that holds document `doc_id`: documents/<id>.yaml, or the one declaring it."""
    from corpus.importer import existing_document  # the importer reads PyYAML: only here

    documents = root / "documents"
    # `skip` is for a file about to be written; a folder matches no document file.
    found = existing_document(documents, doc_id, skip=documents) if documents.is_dir() else None
    if found is None:
        raise FolderError(f"no document {doc_id!r} in {documents}")
    return found


def remove_document(root: Path, doc_id: str) -> Removed:
    """Delete the document's file, then validate what is left; put the file back if that
    fails, so that no command leaves a valid corpus invalid."""
    if not root.is_dir():
        raise FolderError(f"{root}: corpus folder does not exist")
    path = document_file(root, doc_id)
    before = load_corpus(root, snapshots=False, allow_empty=True)
    passages = sum(len(d.passages) for d in before.documents if d.id == doc_id)
    kept = path.read_bytes()
    path.unlink()
    try:
        corpus = load_corpus(root, snapshots=False, allow_empty=True)
    except CorpusError as exc:
        path.write_bytes(kept)
        raise RemoveFailed(path, exc.problems) from None
    return Removed(path, passages, corpus)


class RemoveFailed(Exception):
    """The corpus does not validate without the document; its file was put back."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
