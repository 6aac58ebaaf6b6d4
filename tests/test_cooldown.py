"""Per-user rate limits with an injected clock: the sliding window, the wait reported,
one warning per window, and memory that stays bounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cooldown import Cooldown


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_rate_actions_pass_then_the_wait_until_the_oldest_leaves_the_window() -> None:
    clock = Clock()
    cooldown = Cooldown(3, 30.0, clock=clock)
    for _ in range(3):
        assert cooldown.retry_after("ann") == 0.0
        clock.now += 1
    # Hits at 1000, 1001, 1002; now 1003: the first leaves the window at 1030.
    assert cooldown.retry_after("ann") == pytest.approx(27.0)
    clock.now = 1020.5
    assert cooldown.retry_after("ann") == pytest.approx(9.5)
    clock.now = 1030.0  # exactly `per` after the first hit: it no longer counts
    assert cooldown.retry_after("ann") == 0.0
    # Now 1001, 1002, 1030 are in the window: the next free slot is at 1031.
    assert cooldown.retry_after("ann") == pytest.approx(1.0)


def test_refused_attempts_do_not_count() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 10.0, clock=clock)
    assert cooldown.retry_after("ann") == 0.0
    for step in range(9):
        clock.now = 1000.0 + step
        assert cooldown.retry_after("ann") == pytest.approx(10.0 - step)
    clock.now = 1010.0
    assert cooldown.retry_after("ann") == 0.0


def test_keys_are_limited_separately() -> None:
    cooldown = Cooldown(1, 60.0, clock=Clock())
    assert cooldown.retry_after("ann") == 0.0
    assert cooldown.retry_after("bob") == 0.0
    assert cooldown.retry_after(("msg", 1)) == 0.0
    assert cooldown.retry_after(1) == 0.0
    assert cooldown.retry_after("ann") > 0
    assert cooldown.retry_after(("msg", 1)) > 0


def test_a_warning_once_per_window() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 30.0, clock=clock)
    assert cooldown.should_warn("ann") is True
    assert cooldown.should_warn("ann") is False
    assert cooldown.should_warn("bob") is True
    clock.now += 29.9
    assert cooldown.should_warn("ann") is False
    clock.now += 0.1
    assert cooldown.should_warn("ann") is True
    assert cooldown.should_warn("ann") is False


def test_a_warning_is_due_at_the_clocks_very_start() -> None:
    # time.monotonic() may start near 0; the first warning must not wait a window.
    for start in (0.0, 1e-9, 5.0):
        assert Cooldown(1, 30.0, clock=Clock(start)).should_warn("ann") is True


def test_memory_is_bounded_by_max_keys() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 60.0, max_keys=100, clock=clock)
    for user in range(10_000):
        assert cooldown.retry_after(user) == 0.0
        cooldown.should_warn(user)
        assert len(cooldown) <= 100
        clock.now += 0.001
    assert len(cooldown) == 100
    assert len(cooldown._warned) <= 100
    # The most recent keys are remembered; the oldest were forgotten.
    assert cooldown.retry_after(9_999) > 0
    assert cooldown.retry_after(0) == 0.0


def test_a_key_in_use_is_not_the_one_forgotten() -> None:
    clock = Clock()
    cooldown = Cooldown(1, 60.0, max_keys=2, clock=clock)
    cooldown.retry_after("ann")
    cooldown.retry_after("bob")
    cooldown.retry_after("ann")  # refused, but ann is now the most recently seen
    cooldown.retry_after("cat")  # forgets bob, not ann
    assert cooldown.retry_after("ann") > 0
    assert cooldown.retry_after("bob") == 0.0


@pytest.mark.parametrize(("rate", "per"), [(0, 1.0), (-1, 1.0), (1, 0.0), (1, -5.0)])
def test_nonsense_limits_are_refused(rate: int, per: float) -> None:
    with pytest.raises(ValueError):
        Cooldown(rate, per)


@given(
    rate=st.integers(1, 5),
    per=st.floats(0.5, 100.0),
    gaps=st.lists(st.floats(0.0, 50.0), max_size=60),
)
def test_never_more_than_rate_actions_in_any_window(
    rate: int, per: float, gaps: list[float]
) -> None:
    clock = Clock(0.0)
    cooldown = Cooldown(rate, per, clock=clock)
    allowed: list[float] = []
    for gap in gaps:
        clock.now += gap
        wait = cooldown.retry_after("ann")
        assert 0.0 <= wait <= per
        if wait == 0.0:
            allowed.append(clock.now)
            assert sum(1 for t in allowed if clock.now - t < per) <= rate
        else:
            # Refused only when `rate` actions really are in the window, and the wait is
            # exactly until the oldest of them leaves it.
            window = [t for t in allowed if clock.now - t < per]
            assert len(window) == rate
            assert wait == pytest.approx(per - (clock.now - window[0]))
