"""Liveness for the container's HEALTHCHECK: the bot writes a heartbeat file while its
gateway connection is up; `python -m bot health` says whether it is fresh."""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any

HEALTH_FILE = "health.json"
MAX_AGE = 90.0


def write_heartbeat(
    data_dir: Path,
    *,
    connected: bool,
    latency: float,
    shards: int,
    stall: float | None = None,
) -> None:
    """Atomically replace the heartbeat file (a reader never sees half a file).

    ``stall`` is the longest event-loop stall so far in seconds (`bot.loopwatch`); it is
    written as ``max_stall_ms``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "time": time.time(),
        "connected": connected,
        "latency": latency if math.isfinite(latency) else None,
        "shards": shards,
        "pid": os.getpid(),
        "max_stall_ms": None if stall is None else round(stall * 1000, 1),
    }
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".health-")
    with os.fdopen(fd, "w") as out:
        json.dump(payload, out)
    os.replace(tmp, data_dir / HEALTH_FILE)


def check(
    data_dir: Path, *, max_age: float = MAX_AGE, now: float | None = None
) -> tuple[bool, str]:
    """(healthy, why): the heartbeat exists, is recent, and says the gateway is connected."""
    path = data_dir / HEALTH_FILE
    try:
        data: dict[str, Any] = json.loads(path.read_text())
    except FileNotFoundError:
        return False, f"no heartbeat at {path} (not connected yet?)"
    except (OSError, ValueError) as exc:
        return False, f"unreadable heartbeat {path}: {exc}"
    age = (now or time.time()) - float(data.get("time", 0))
    if age > max_age:
        return (
            False,
            f"heartbeat is {age:.0f} s old (limit {max_age:.0f} s): the loop or gateway is stuck",
        )
    if not data.get("connected"):
        return False, "the gateway is not connected"
    return True, f"connected, heartbeat {age:.0f} s old, latency {data.get('latency')}"
