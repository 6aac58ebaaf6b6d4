"""How long the event loop was blocked: a ticker that sleeps a short interval and records by
how much each wake-up was late. A late wake-up means some callback held the loop (a blocking
call, a long computation on the loop thread), which delays every gateway event and interaction."""

from __future__ import annotations

import asyncio
import logging

log = logging.getLogger("verbatim")

TICK = 0.05
REPORT_EVERY = 60.0


class LoopWatch:
    """Measures the event loop's stalls while running (start it from inside the loop).

    ``max_stall`` is the largest lateness (seconds) of any tick since `start`; every
    ``report_every`` seconds the largest stall of that period is logged at DEBUG.
    """

    def __init__(self, *, tick: float = TICK, report_every: float = REPORT_EVERY) -> None:
        if tick <= 0 or report_every <= 0:
            raise ValueError("tick and report_every must be positive")
        self.tick = tick
        self.report_every = report_every
        self.max_stall = 0.0
        self.ticks = 0
        self._task: asyncio.Task[None] | None = None

    @property
    def max_stall_ms(self) -> float:
        return round(self.max_stall * 1000, 1)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="loopwatch")

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        period_max = 0.0
        period_start = loop.time()
        while True:
            before = loop.time()
            await asyncio.sleep(self.tick)
            now = loop.time()
            late = max(0.0, now - before - self.tick)
            self.ticks += 1
            period_max = max(period_max, late)
            self.max_stall = max(self.max_stall, late)
            if now - period_start >= self.report_every:
                log.debug(
                    "event loop: longest stall %.1f ms in the last %.0f s (%.1f ms since start)",
                    period_max * 1000,
                    now - period_start,
                    self.max_stall * 1000,
                )
                period_max, period_start = 0.0, now

    def stop(self) -> None:
        """Stop ticking and log the longest stall seen."""
        task, self._task = self._task, None
        if task is None:
            return
        task.cancel()
        log.info("event loop: longest stall %.1f ms over %d ticks", self.max_stall_ms, self.ticks)
