"""The question log for the event loop: writes on one background thread, never awaited long.

Apart from the store so that the command line, which writes synchronously, does not import
asyncio (some 40 ms of `python -m bot ask`)."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from contextlib import suppress
from functools import partial
from types import TracebackType
from typing import Any, TypeVar

from bot.questionlog.store import Channel, QuestionLog, Status, Vote, check_question, check_vote
from retrieval.types import Confidence

T = TypeVar("T")

_Job = tuple[Callable[[], Any], Future[Any]]


class AsyncQuestionLog:
    """Runs a QuestionLog's writes on one background thread behind a bounded queue.

    ``record`` waits at most ``record_timeout`` seconds for the new id (needed for the feedback
    buttons); past that it returns None and the write still completes in the background. A full
    queue drops the write, counts it (``dropped``) and warns once.
    """

    def __init__(
        self, log: QuestionLog, *, max_queue: int = 1000, record_timeout: float = 0.05
    ) -> None:
        if max_queue < 1:
            raise ValueError(f"max_queue must be >= 1, got {max_queue}")
        self.log = log
        self._record_timeout = record_timeout
        self._queue: queue.Queue[_Job | None] = queue.Queue(maxsize=max_queue)
        self._dropped = 0
        self._dropped_lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="verbatim-store", daemon=True)
        self._thread.start()

    @property
    def dropped(self) -> int:
        """Writes discarded because the queue was full."""
        with self._dropped_lock:
            return self._dropped

    async def record(
        self,
        text: str,
        *,
        channel: Channel,
        status: Status,
        jurisdictions: Sequence[str] = (),
        passage_ids: Sequence[str] = (),
        user_id: int | str | None = None,
        confidence: Confidence | None = None,
    ) -> int | None:
        """Queue a question; its id if stored within ``record_timeout``, else None."""
        # Validate here so a caller's mistake raises in the caller, not silently in the worker.
        check_question(channel, status, jurisdictions, confidence)
        if not self.log.enabled:
            return None
        job = partial(
            self.log.record,
            text,
            channel=channel,
            status=status,
            jurisdictions=tuple(jurisdictions),
            passage_ids=tuple(passage_ids),
            user_id=user_id,
            confidence=confidence,
        )
        future = self._submit(job)
        if future is None:
            return None
        try:
            # shield(): timing out must not cancel the write, only stop waiting for it.
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self._record_timeout
            )
        except TimeoutError:
            self.log._failures.note("slow write", f"no id within {self._record_timeout:g}s")
            return None

    async def feedback(self, question_id: int, user_id: int | str, vote: Vote) -> bool:
        """Queue a vote without waiting for the disk; False if logging is off or it was dropped."""
        check_vote(vote)
        if not self.log.enabled:
            return False
        return self._submit(partial(self.log.feedback, question_id, user_id, vote)) is not None

    async def forget_user(self, user_id: int | str) -> int | None:
        """Delete a user's rows (after queued writes); rows deleted, or None on failure."""
        future = self._submit(partial(self.log.forget_user, user_id))
        return None if future is None else await asyncio.wrap_future(future)

    async def flush(self) -> None:
        """Wait until every write queued so far has been attempted."""
        # The queue may be full, so wait for room in a thread rather than on the event loop.
        future = await asyncio.to_thread(self._submit, lambda: None, block=True)
        if future is not None:
            await asyncio.wrap_future(future)

    def close(self, timeout: float = 5.0) -> None:
        """Finish queued writes (waiting at most ``timeout`` seconds), then close the log."""
        if not self._closed:
            self._closed = True
            # A worker stuck on a locked disk must not hang shutdown: it is a daemon thread.
            with suppress(queue.Full):
                self._queue.put(None, timeout=timeout)
            self._thread.join(timeout)
        self.log.close()

    async def aclose(self, timeout: float = 5.0) -> None:
        """close() without blocking the event loop."""
        await asyncio.to_thread(self.close, timeout)

    async def __aenter__(self) -> AsyncQuestionLog:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def _submit(self, job: Callable[[], T], *, block: bool = False) -> Future[T] | None:
        if self._closed:
            return None
        future: Future[T] = Future()
        try:
            if block:
                # Only flush() blocks, and it calls us via to_thread, off the event loop.
                self._queue.put((job, future), timeout=self.log._busy_timeout + 5.0)
            else:
                self._queue.put_nowait((job, future))
        except queue.Full:
            with self._dropped_lock:
                self._dropped += 1
            self.log._failures.note("queue full", f"{self._queue.maxsize} writes pending")
            return None
        return future

    def _work(self) -> None:
        while (item := self._queue.get()) is not None:
            job, future = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except BaseException as exc:  # a bug in a job must not kill the only writer
                future.set_exception(exc)
