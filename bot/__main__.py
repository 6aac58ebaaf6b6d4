"""`python -m bot`: ask, chat, jurisdiction, compare, sources, passage, eval, report, sync;
with no arguments the Discord bot when DISCORD_TOKEN is set, else the local console."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bot.settings import Settings, SettingsError, load_settings
from corpus.load import CorpusError, load_corpus
from retrieval.engine import Engine
from retrieval.jurisdictions import parse_jurisdiction
from retrieval.types import Answer


def _engine(args: argparse.Namespace, settings: Settings) -> Engine:
    """The engine for `--corpus`, else the settings' corpus (a CorpusError ends `main`)."""
    cache = settings.index_cache
    return Engine(load_corpus(args.corpus or settings.corpus, cache_dir=cache), index_cache=cache)


def print_corpus_error(exc: CorpusError) -> None:
    """An invalid corpus as one line per problem on standard error, no traceback."""
    print("error: the corpus is invalid:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)


def _jurisdiction(value: str) -> str:
    found = parse_jurisdiction(value)
    if found is None:
        raise argparse.ArgumentTypeError(f"unknown jurisdiction {value!r}: choose us, eu or china")
    return found


def _dump(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _read_leniently(stream: Any) -> None:
    """Decode `stream` with surrogateescape (a stand-in such as StringIO has nothing to do)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="surrogateescape")


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(args, settings)
    documents = [doc.id for doc in engine.corpus.documents]
    if args.document is not None and args.document not in documents:
        print(
            f"error: no document {args.document!r} in the corpus; its documents: "
            f"{', '.join(documents)}",
            file=sys.stderr,
        )
        return 2
    with _question_log(settings) as log:
        _ask(args, engine, log)
    return 0


def _ask(args: argparse.Namespace, engine: Engine, log: Callable[[Answer], None]) -> None:
    """Answer the question, or each line of standard input, logging each answer."""
    from bot.terminal import render_answer
    from retrieval.filtered import answer_within

    def one(question: str) -> Answer:
        answer = answer_within(
            engine, question, args.jurisdiction, args.page, document=args.document
        )
        log(answer)
        return answer

    if args.question is None:
        # Bytes that are not UTF-8 become lone surrogates, as they do in argv, and the engine's
        # clean_question drops them: the rest of the line is still answered.
        _read_leniently(sys.stdin)
        if sys.stdin.isatty() and not args.json:
            print("Type one question per line; Ctrl-D to finish.", file=sys.stderr)
        for line in sys.stdin:
            answer = one(line.rstrip("\r\n"))
            _dump(answer.to_json()) if args.json else print(render_answer(answer) + "\n")
        return
    answer = one(args.question)
    if args.json:
        _dump(answer.to_json())
    else:
        print(render_answer(answer, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import chat

    engine = _engine(args, settings)
    history = settings.data_folder / "chat_history"
    with _question_log(settings) as log:
        chat(engine, history=history, on_answer=log)
    return 0


def cmd_jurisdiction(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import render_summary
    from retrieval.jurisdictions import summary

    result = summary(_engine(args, settings).corpus, args.name)
    _dump(result.to_json()) if args.json else print(render_summary(result))
    return 0


def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import render_compare
    from retrieval.jurisdictions import compare

    results = compare(_engine(args, settings).corpus)
    _dump([s.to_json() for s in results]) if args.json else print(render_compare(results))
    return 0


def cmd_sources(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from bot.terminal import render_sources
    from retrieval.catalog import find_sources

    listings = find_sources(_engine(args, settings).corpus, args.filter or "")
    if args.json:
        _dump([asdict(x) for x in listings])
    elif not listings:
        print(f"No source matches {args.filter!r}.")
    else:
        print(render_sources(listings))
    return 0


def cmd_passage(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import asdict

    from bot.terminal import render_passage
    from retrieval.catalog import passage

    view = passage(_engine(args, settings).corpus, args.id)
    if view is None:
        print(f"error: no passage has the id {args.id!r}", file=sys.stderr)
        return 1
    _dump(asdict(view)) if args.json else print(render_passage(view))
    return 0


def cmd_cite(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import render_citations

    entry = _engine(args, settings).corpus.by_id.get(args.id)
    if entry is None:
        print(f"error: no passage has the id {args.id!r}", file=sys.stderr)
        return 1
    print(render_citations(entry, args.style))
    return 0


def cmd_contents(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import render_contents
    from retrieval.contents import table_of_contents

    print(render_contents(table_of_contents(_engine(args, settings).corpus)))
    return 0


def cmd_forget(args: argparse.Namespace, settings: Settings) -> int:
    from bot.questionlog.store import QuestionLog

    log = QuestionLog.from_settings(settings)
    deleted = log.forget_user(args.user_id)
    log.close()
    if deleted is None:
        print("error: the question log could not be opened; nothing was deleted", file=sys.stderr)
        return 1
    print(f"deleted {deleted} row{'s' if deleted != 1 else ''} of user {args.user_id}")
    return 0


def _style(value: str) -> str:
    from retrieval.citations import parse_style

    found = parse_style(value)
    if found is None:
        raise argparse.ArgumentTypeError(
            f"unknown style {value!r}: choose apa, chicago, mla or bibtex"
        )
    return found


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.evaluation import MEASURED_ONLY, SET_NAMES, breakdown, load_cases, set_path

    engine = _engine(args, settings)
    names = [args.file] if args.file else list(SET_NAMES)
    results = {}
    for name in names:
        path = set_path(name)
        if not path.is_file():
            print(f"error: no evaluation set at {path}", file=sys.stderr)
            return 1
        results[name] = breakdown(engine, load_cases(path))
    if args.json:
        _dump(
            {name: {g: r.figures() for g, r in groups.items()} for name, groups in results.items()}
        )
        return 0
    for name, groups in results.items():
        print(f"== {name}")
        for group, report in groups.items():
            figures = "  ".join(f"{k} {v}" for k, v in report.figures().items())
            print(f"  {group:<22} {figures}")
        # The test and elsewhere sets are measured, never read while tuning: their questions
        # stay unprinted.
        if args.misses and name not in MEASURED_ONLY:
            for case, answer in groups["all"].misses:
                got = answer.passage_ids or [answer.status]
                want = case.answer or list(case.expect) or "a decline"
                print(f"  miss: {case.question!r} wanted {want!r}, got {got}")
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.questionlog.report import build_report, parse_since, render_report_text
    from bot.questionlog.store import QuestionLog

    try:
        since = parse_since(args.since) if args.since else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    log = QuestionLog.from_settings(settings)
    report = build_report(log, since)
    print(render_report_text(report))
    log.close()
    return 0


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.health import check

    healthy, why = check(settings.data_folder, max_age=args.max_age)
    print(("healthy: " if healthy else "unhealthy: ") + why)
    return 0 if healthy else 1


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    from bot.discord.client import run

    return run(settings, sync_only=True)


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.token:
        from bot.discord.client import run

        return run(settings)
    print("DISCORD_TOKEN is not set, so Verbatim runs here in the terminal instead of on Discord.")
    print("(Set DISCORD_TOKEN, in the environment or a .env file, to run the Discord bot.)\n")
    return cmd_chat(args, settings)


@contextmanager
def _question_log(settings: Settings) -> Iterator[Callable[[Answer], None]]:
    """Record CLI questions in the question log when logging is on (the default); closed on
    leaving, so its write-ahead log is folded into the database then, not left to exit."""
    if not settings.question_log:
        yield lambda answer: None
        return
    from bot.questionlog.store import QuestionLog

    with QuestionLog.from_settings(settings) as log:

        def record(answer: Answer) -> None:
            log.record(
                answer.question,
                channel="cli",
                status=answer.status,
                jurisdictions=answer.jurisdictions,
                passage_ids=answer.passage_ids,
                confidence=answer.confidence,
            )

        yield record


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m bot",
        description="Verbatim: answers about the review Open-Source AI, quoted verbatim "
        "with citations. With no command: the Discord bot if DISCORD_TOKEN is set, else the chat.",
    )
    top.add_argument(
        "--corpus", help="corpus folder (default: $VERBATIM_CORPUS or the packaged corpus)"
    )
    top.set_defaults(func=cmd_run)
    sub = top.add_subparsers(title="commands", metavar="COMMAND")

    def command(
        name: str, func: Callable[[argparse.Namespace, Settings], int], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--corpus", default=argparse.SUPPRESS, help="corpus folder")
        p.set_defaults(func=func)
        return p

    ask = command("ask", cmd_ask, "answer a question (or one per line from standard input)")
    ask.add_argument(
        "question", nargs="?", help="the question; omit it to read questions from stdin"
    )
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument(
        "--jurisdiction", type=_jurisdiction, help="us, eu or china: only its passages"
    )
    ask.add_argument("--page", type=int, default=0, help="page of quotes (0 is the first)")
    ask.add_argument(
        "--document", metavar="ID", help="quote only this document (`python -m corpus stats`)"
    )
    command("chat", cmd_chat, "an interactive console (Ctrl-D to quit)")
    j = command("jurisdiction", cmd_jurisdiction, "what the review says about one jurisdiction")
    j.add_argument("name", type=_jurisdiction, help="us, eu or china")
    j.add_argument("--json", action="store_true")
    c = command("compare", cmd_compare, "the US, the EU and China side by side")
    c.add_argument("--json", action="store_true")
    s = command("sources", cmd_sources, "the sources the review quotes, with their excerpts")
    s.add_argument("filter", nargs="?", help="only sources whose id, title or authors contain this")
    s.add_argument("--json", action="store_true")
    p = command("passage", cmd_passage, "one passage by id, with its neighbours")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    ct = command("cite", cmd_cite, "cite a passage: APA, Chicago, MLA or BibTeX")
    ct.add_argument("id", help="a passage id such as osai.policy.eu.1")
    ct.add_argument("--style", type=_style, help="apa, chicago, mla or bibtex (default: all)")
    command("contents", cmd_contents, "the sections of each document, with their passages")
    fg = command("forget", cmd_forget, "delete a Discord user's questions and votes")
    fg.add_argument("user_id", type=int, help="the Discord user id")
    e = command("eval", cmd_eval, "answer quality on the regression, dev, test and elsewhere sets")
    e.add_argument("--file", help="one set: regression, dev, test, elsewhere or a YAML file")
    e.add_argument(
        "--misses", action="store_true", help="list misses (never of the test or elsewhere set)"
    )
    e.add_argument("--json", action="store_true")
    r = command(
        "report", cmd_report, "what people asked: unanswered questions, downvotes, top passages"
    )
    r.add_argument("--since", help="a period such as 7d, 24h or 2w (default: everything kept)")
    command("sync", cmd_sync, "sync the slash commands with Discord and exit")
    h = command("health", cmd_health, "exit 0 if the running bot's gateway heartbeat is fresh")
    h.add_argument("--max-age", type=float, default=90.0, help="seconds (default 90)")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not hasattr(args, "corpus"):
        args.corpus = None
    try:
        # The bot's settings, `.env` included, for every command.
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        return int(args.func(args, settings))
    except CorpusError as exc:
        print_corpus_error(exc)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m bot ask --json < questions | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    code = main()
    # The process ends here. Ending an interpreter collects garbage several times over,
    # walking every object the command made only to free memory that exiting frees anyway:
    # frozen, they are left to the exit.
    gc.freeze()
    raise SystemExit(code)
