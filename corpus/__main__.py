"""`python -m corpus init | add | remove | validate | stats`: make a corpus, import or remove a
document, check the corpus, count it."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NoReturn

from corpus.folder import FolderError, RemoveFailed, init_corpus, remove_document
from corpus.importer import ImporterError, ValidationFailed, add_document, check_id
from corpus.load import Corpus, CorpusError, corpus_dir, load_corpus
from corpus.types import JURISDICTIONS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Work on the corpus the bot quotes: documents/*.yaml, sources.yaml and lexicon.yaml.
The corpus folder is DIR or --corpus DIR, else $VERBATIM_CORPUS, else the packaged one."""

ADD_EPILOG = """\
Markdown: # headings (and setext underlines) make the section tree; paragraphs, list items
and block quotes become passages, keeping the links inside them (`links:`). HTML (a saved
page): h1-h6 make the tree; paragraphs, list items and block quotes become passages, with
their links; navigation, sidebars, comments, share buttons and cookie banners are dropped.
Relative links need --url (the document's address).
PDF: read page by page as plain text is; each passage keeps its `page:`, cited "p. 12" and
linked as URL#page=12. Plain text: a heading is a one-line paragraph of at most
90 characters that starts with a capital or digit and does not end in . , ; or :.
Page chrome ([LW · GW] markers, comment counts) is stripped. Ids: <ID>.<slug> for sections,
<section>.<n> for passages. The corpus is validated after writing; on failure the file is
removed again.

example:
  python -m corpus add review.md --id osai_2025 --title "Open-Source AI, revisited"
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line on stderr, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m corpus",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    init = commands.add_parser(
        "init",
        help="make an empty corpus: documents/, sources.yaml, lexicon.yaml",
        description="Make DIR a valid corpus with no documents yet; then `add` documents to it. "
        "Refuses a folder that has a sources.yaml or lexicon.yaml already.",
    )
    init.add_argument("dir", metavar="DIR", type=Path, help="the folder to make (may exist)")
    init.set_defaults(run=_init)

    add = commands.add_parser(
        "add",
        help="import a Markdown, text, HTML or PDF file as documents/ID.yaml",
        description="Split a .md, .txt, .html or .pdf file into sections and passages and write "
        "documents/ID.yaml, then validate the corpus.",
        epilog=ADD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument(
        "file", metavar="FILE", type=Path, help="the .md, .txt, .html or .pdf file to import"
    )
    add.add_argument(
        "--id", required=True, type=_document_id, help="document id: lower-case letters, digits, _"
    )
    add.add_argument("--title", required=True, help="the document's title")
    add.add_argument(
        "--url", help="where the document is published (resolves a page's relative links)"
    )
    add.add_argument("--corpus", metavar="DIR", help="corpus folder to add to")
    add.add_argument("--force", action="store_true", help="overwrite documents/ID.yaml")
    add.set_defaults(run=_add)

    remove = commands.add_parser(
        "remove",
        help="delete document ID's file from the corpus",
        description="Delete the file of document ID, then validate what is left (the file is "
        "put back if that fails).",
    )
    remove.add_argument("id", metavar="ID", type=_document_id, help="the document's id")
    remove.add_argument("--corpus", metavar="DIR", help="corpus folder to remove it from")
    remove.set_defaults(run=_remove)

    for name, helptext in (
        ("validate", "check every file and reference; print each problem as file:line"),
        ("stats", "count documents, sections, passages, words, gaps, jurisdictions, sources"),
    ):
        sub = commands.add_parser(
            name, help=helptext, description=helptext[0].upper() + helptext[1:] + "."
        )
        sub.add_argument("dir", metavar="DIR", nargs="?", help="corpus folder")
        sub.add_argument("--corpus", metavar="DIR", dest="corpus_option", help="corpus folder")
        if name == "stats":
            sub.add_argument("--json", action="store_true", help="print JSON for machines")
        sub.set_defaults(run=_validate if name == "validate" else _stats)
    return parser


def _document_id(value: str) -> str:
    try:
        check_id(value)
    except ImporterError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args, parser))
    except KeyboardInterrupt:
        return 130
    except (ImporterError, FolderError, OSError) as exc:
        return _fail(str(exc))
    except Exception as exc:  # never a traceback at the user
        return _fail(f"unexpected {type(exc).__name__}: {exc}")


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_FAILED


def _folder(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path:
    if args.dir and args.corpus_option and Path(args.dir) != Path(args.corpus_option):
        parser.error(f"two corpus folders given: {args.dir} and --corpus {args.corpus_option}")
    return corpus_dir(args.dir or args.corpus_option)


def _load(root: Path, *, snapshots: bool = True) -> Corpus | None:
    """The corpus, or None after printing every problem to stderr."""
    try:
        return load_corpus(root, snapshots=snapshots, allow_empty=True)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in the corpus at {root}", file=sys.stderr)
        return None


def _summary(corpus: Corpus) -> str:
    return (
        f"{len(corpus.documents)} documents, {len(corpus.entries)} passages, "
        f"{len(corpus.sources)} sources, version {corpus.version}"
    )


# --- validate ---------------------------------------------------------------------------


def _validate(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    # Validating means reading the YAML, whatever a snapshot of it says.
    corpus = _load(_folder(args, parser), snapshots=False)
    if corpus is None:
        return EXIT_FAILED
    print(f"ok: {_summary(corpus)}")
    return EXIT_OK


# --- init, remove -----------------------------------------------------------------------


def _init(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    root: Path = args.dir
    for path in init_corpus(root):
        print(f"wrote {path}{'/' if path.is_dir() else ''}")
    print(
        f"next: python -m corpus add FILE --id ID --title TITLE --corpus {root}  "
        "(FILE: .md, .txt, .html or .pdf)"
    )
    return EXIT_OK


def _remove(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    root = corpus_dir(args.corpus)
    try:
        removed = remove_document(root, args.id)
    except CorpusError as exc:
        print(f"error: the corpus at {root} is invalid; nothing was removed:", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAILED
    except RemoveFailed as exc:
        print(f"error: the corpus is invalid without {exc.path}; kept it:", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAILED
    print(f"removed {removed.path} ({removed.passages} passages)")
    print(f"ok: {_summary(removed.corpus)}")
    return EXIT_OK


# --- add --------------------------------------------------------------------------------


def _add(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    root = corpus_dir(args.corpus)
    try:
        added = add_document(args.file, args.id, args.title, root, url=args.url, force=args.force)
    except ValidationFailed as exc:
        if exc.caused_by_new_file:
            print(
                f"error: {exc.path} does not validate with the corpus; removed it:", file=sys.stderr
            )
        else:
            print(
                f"error: the corpus at {root} is invalid already (not because of {args.file}); "
                "nothing was added:",
                file=sys.stderr,
            )
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_FAILED
    imported = added.imported
    verb = "replaced" if added.replaced else "wrote"
    print(
        f"{verb} {added.path}: {imported.sections} sections, {imported.passages} passages "
        f"(from {args.file})"
    )
    for note in imported.notes:
        print(f"  note: {note}")
    if imported.quotes:
        print(
            f"hint: {len(imported.quotes)} passage(s) were block quotes "
            f"({', '.join(imported.quotes)}): if one quotes a source, mark it `kind: excerpt` "
            "with a `source` from sources.yaml."
        )
    print(
        "next: tag `jurisdictions` (US, EU, China) on sections and passages, link the sources "
        "passages name under `cites`, then run `python -m corpus validate`."
    )
    print(f"ok: {_summary(added.corpus)}")
    return EXIT_OK


# --- stats ------------------------------------------------------------------------------


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    """Counts for `stats`, as plain data."""
    documents = []
    for doc in corpus.documents:
        kinds = Counter(p.kind for p in doc.passages)
        documents.append(
            {
                "id": doc.id,
                "title": doc.title,
                "sections": len(doc.sections),
                "passages": len(doc.passages),
                "review": kinds["review"],
                "excerpt": kinds["excerpt"],
                "words": sum(len(p.text.split()) for p in doc.passages),
                "gaps": len(doc.gaps),
            }
        )
    jurisdictions = {j: sum(j in e.jurisdictions for e in corpus.entries) for j in JURISDICTIONS}
    untagged = sum(not e.jurisdictions for e in corpus.entries)
    cited = {e.source.id for e in corpus.entries if e.source} | {
        s.id for e in corpus.entries for s in e.cited
    }
    return {
        "root": str(corpus.root),
        "version": corpus.version,
        "documents": documents,
        "passages": len(corpus.entries),
        "jurisdictions": {**jurisdictions, "untagged": untagged},
        "sources": {
            "total": len(corpus.sources),
            "cited": len(cited & corpus.sources.keys()),
            "uncited": sorted(corpus.sources.keys() - cited),
            "unconfirmed_url": sum("url" in s.unconfirmed for s in corpus.sources.values()),
        },
    }


def _stats(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    corpus = _load(_folder(args, parser))
    if corpus is None:
        return EXIT_FAILED
    stats = corpus_stats(corpus)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"corpus {stats['root']}")
    for doc in stats["documents"]:
        print(f"{doc['id']}: {doc['title']}")
        print(
            f"  {doc['sections']} sections, {doc['passages']} passages "
            f"({doc['review']} review, {doc['excerpt']} excerpt), {doc['words']:,} words, "
            f"{doc['gaps']} gaps"
        )
    tagged = ", ".join(f"{j} {n}" for j, n in stats["jurisdictions"].items())
    print(f"passages by jurisdiction (tagged or inherited from a section): {tagged}")
    sources = stats["sources"]
    print(
        f"sources: {sources['total']}, {sources['cited']} cited, "
        f"{sources['unconfirmed_url']} with an unconfirmed URL"
    )
    if sources["uncited"]:
        print(f"  not cited by any passage: {', '.join(sources['uncited'])}")
    print(f"version {stats['version']}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
