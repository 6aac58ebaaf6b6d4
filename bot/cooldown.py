"""Per-user rate limits: at most `rate` actions per `per` seconds, in bounded memory."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable


class Cooldown:
    """A sliding window per key; the least recently seen keys are forgotten past `max_keys`."""

    def __init__(
        self,
        rate: int,
        per: float,
        *,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate < 1 or per <= 0:
            raise ValueError("rate must be at least 1 and per positive")
        self.rate, self.per, self.max_keys, self.clock = rate, per, max_keys, clock
        self._hits: OrderedDict[Hashable, deque[float]] = OrderedDict()
        self._warned: dict[Hashable, float] = {}

    def retry_after(self, key: Hashable) -> float:
        """0 and the action is counted; else the seconds until the key may act again."""
        now = self.clock()
        hits = self._hits.pop(key, None) or deque()
        while hits and now - hits[0] >= self.per:
            hits.popleft()
        self._hits[key] = hits
        if len(self._hits) > self.max_keys:
            old, _ = self._hits.popitem(last=False)
            self._warned.pop(old, None)
        if len(hits) >= self.rate:
            return self.per - (now - hits[0])
        hits.append(now)
        return 0.0

    def should_warn(self, key: Hashable) -> bool:
        """True once per window, so a flood of DMs gets one notice, not one each."""
        now = self.clock()
        if now - self._warned.get(key, -self.per) < self.per:
            return False
        self._warned[key] = now
        return True

    def __len__(self) -> int:
        return len(self._hits)
