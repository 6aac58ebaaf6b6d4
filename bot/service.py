"""The bot's core, free of Discord: the current engine, answering off the event loop,
cooldowns, the question log, and reloading the corpus without downtime."""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.cooldown import Cooldown
from bot.questionlog.store import Channel, QuestionLog, Vote
from bot.questionlog.writer import AsyncQuestionLog
from bot.settings import Settings
from corpus.load import CorpusError, Problem, load_corpus
from corpus.types import Jurisdiction
from retrieval.engine import Engine
from retrieval.filtered import answer_within
from retrieval.followup import combine
from retrieval.types import Answer

log = logging.getLogger("verbatim")

# Discord's mention syntax (a user's, a role's, a channel's, @everyone, @here) is no part of
# a question: left in, a mention's long id reads as a rare word the review never uses.
MENTION_SYNTAX = re.compile(r"<@[!&]?\d+>|<#\d+>|@everyone|@here")


def without_mentions(text: str) -> str:
    """`text` with Discord's mention syntax removed and white space folded."""
    return " ".join(MENTION_SYNTAX.sub(" ", text).split())


@dataclass(frozen=True)
class Asked:
    """An answer and its id in the question log (None when logging is off or failed)."""

    answer: Answer
    question_id: int | None


class Service:
    """What every channel calls: `ask`, `follow_up`, `feedback`, `reload`."""

    def __init__(
        self,
        engine: Engine,
        *,
        corpus_dir: Path | None = None,
        question_log: AsyncQuestionLog | None = None,
        cooldown: Cooldown | None = None,
    ) -> None:
        self.engine = engine
        self.corpus_dir = corpus_dir
        self.question_log = question_log
        # Not `cooldown or ...`: a Cooldown with no keys yet has len() 0, so it is falsy.
        self.cooldown = cooldown if cooldown is not None else Cooldown(5, 30.0)
        self._reload_lock = asyncio.Lock()
        # Answers run on two threads of their own: fewer threads contending with the event
        # loop for the GIL keep its stalls short (benchmark: 5-9 ms instead of 26-42 ms at
        # 100,000 passages), and two keep one slow question from queueing the rest.
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="verbatim-answer")
        _freeze()

    @classmethod
    def from_settings(cls, settings: Settings) -> Service:
        """Load the corpus (raising CorpusError) and open the question log."""
        cache = settings.index_cache
        engine = Engine(load_corpus(settings.corpus, cache_dir=cache), index_cache=cache)
        engine.warm()
        return cls(
            engine,
            corpus_dir=settings.corpus,
            question_log=AsyncQuestionLog(QuestionLog.from_settings(settings)),
            cooldown=Cooldown(settings.cooldown_rate, settings.cooldown_seconds),
        )

    async def ask(
        self,
        question: str,
        *,
        channel: Channel,
        user_id: int | None = None,
        jurisdiction: Jurisdiction | None = None,
        page: int = 0,
        record: bool = True,
        document: str | None = None,
        claim: bool = False,
    ) -> Asked:
        """Answer off the event loop (a large corpus must not stall the gateway); a `claim` is
        someone's message looked up, searched even when it asks nothing."""
        question = without_mentions(question)
        engine = self.engine  # a reload swaps it; this question keeps the one it started with
        loop = asyncio.get_running_loop()
        # Within a jurisdiction that does not answer, the whole review's answer, labelled.
        answer = await loop.run_in_executor(
            self._executor,
            partial(
                answer_within, engine, question, jurisdiction, page, document=document, claim=claim
            ),
        )
        question_id = None
        if record and page == 0 and self.question_log is not None:
            question_id = await self.question_log.record(
                answer.question,
                channel=channel,
                status=answer.status,
                jurisdictions=answer.jurisdictions,
                passage_ids=answer.passage_ids,
                user_id=user_id,
                confidence=answer.confidence,
            )
        return Asked(answer, question_id)

    def follow_up(self, previous: str, question: str) -> str:
        return combine(previous, question, self.engine.lexicon)

    async def feedback(self, question_id: int, user_id: int, vote: Vote) -> bool:
        if self.question_log is None:
            return False
        return await self.question_log.feedback(question_id, user_id, vote)

    async def reload(self) -> list[Problem]:
        """Re-read the corpus; on any problem keep serving the last good index."""
        async with self._reload_lock:
            try:
                cache = self.engine.index_cache
                corpus = await asyncio.to_thread(load_corpus, self.corpus_dir, cache_dir=cache)
                engine = await asyncio.to_thread(Engine, corpus, cache)
                await asyncio.to_thread(engine.warm)
            except CorpusError as exc:
                for problem in exc.problems:
                    log.error("corpus reload failed: %s", problem)
                return exc.problems
            old = self.engine.corpus.version
            self.engine = engine
            _freeze()
            log.info(
                "corpus reloaded: version %s → %s, %d passages",
                old,
                corpus.version,
                len(corpus.entries),
            )
            return []

    async def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self.question_log is not None:
            await self.question_log.aclose()


def _freeze() -> None:
    """Move the corpus and index out of the garbage collector's sight: they live for the
    whole run, and a full collection over them stalls the event loop (0.5-0.8 s at
    100,000 passages). Unfreezing first lets a reload's old engine be freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
