"""The one definition of Verbatim's settings, read from the environment and `.env` alike."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
LOG_LEVELS: tuple[LogLevel, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
PREFIX = "VERBATIM_"
DOTENV = Path(".env")


class SettingsError(Exception):
    """Settings that cannot be used; the message is one line per problem."""


class Secret:
    """A value that no repr, str or log line shows (the bot token)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __str__(self) -> str:
        return "**********"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


# --- parsers: text of a variable → value, or ValueError with the line's reason -------------
# The reasons are worded as pydantic words them, which this module replaced so that
# `python -m bot ask` starts without importing pydantic.


def _integer(minimum: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(
                "Input should be a valid integer, unable to parse string as an integer"
            ) from None
        if minimum is not None and value < minimum:
            raise ValueError(f"Input should be greater than or equal to {minimum}")
        return value

    return parse


def _positive_number(text: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(
            "Input should be a valid number, unable to parse string as a number"
        ) from None
    if not value > 0:  # not `value <= 0`: NaN is not positive either
        raise ValueError("Input should be greater than 0")
    return value


def _boolean(text: str) -> bool:
    folded = text.strip().lower()
    if folded in {"1", "on", "t", "true", "y", "yes"}:
        return True
    if folded in {"0", "off", "f", "false", "n", "no"}:
        return False
    raise ValueError("Input should be a valid boolean, unable to interpret input")


def _log_level(text: str) -> LogLevel:
    for level in LOG_LEVELS:
        if text.strip().upper() == level:
            return level
    raise ValueError("Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'")


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(",", " ").split()]
    except ValueError:
        raise ValueError("Input should be whole numbers separated by commas or spaces") from None


def _shard_ids(text: str) -> list[int] | None:
    return _ids(text) or None  # no shards given: let Discord choose


def _token(text: str) -> Secret | None:
    return Secret(text) if text.strip() else None


def _read(parse: Callable[[str], Any], *names: str) -> dict[str, Any]:
    """A field's metadata: read from the variable(s) `names` (default: VERBATIM_ + its
    name), parsed by `parse`."""
    return {"parse": parse, "names": names}


@dataclass(frozen=True)
class Settings:
    """Everything Verbatim reads from its environment; DISCORD_TOKEN is never shown."""

    discord_token: Secret | None = field(
        default=None, metadata=_read(_token, "DISCORD_TOKEN", "VERBATIM_DISCORD_TOKEN")
    )
    dev_guild_id: int | None = field(default=None, metadata=_read(_integer()))
    log_level: LogLevel = field(default="INFO", metadata=_read(_log_level))
    corpus: Path | None = field(default=None, metadata=_read(Path))
    # Not set: the user's data folder (`data_folder`), never the working one.
    data_dir: Path | None = field(default=None, metadata=_read(Path))
    # Question log (issue: what people ask that the corpus misses).
    question_log: bool = field(default=True, metadata=_read(_boolean))
    retention_days: int = field(default=90, metadata=_read(_integer(minimum=0)))
    # Per-user cooldown: `cooldown_rate` questions per `cooldown_seconds`.
    cooldown_rate: int = field(default=5, metadata=_read(_integer(minimum=1)))
    cooldown_seconds: float = field(default=30.0, metadata=_read(_positive_number))
    # Sharding for large deployments (discord.py's AutoShardedClient).
    shard_count: int | None = field(default=None, metadata=_read(_integer(minimum=1)))
    shard_ids: list[int] | None = field(default=None, metadata=_read(_shard_ids))
    # Seconds between writes of the health file (data_folder/health.json).
    health_interval: float = field(default=15.0, metadata=_read(_positive_number))
    # Users allowed to /reload besides the application's owner or team.
    owner_ids: list[int] = field(default_factory=list, metadata=_read(_ids))
    # Where Discord's API is; only tests point this elsewhere (a local stand-in).
    discord_api: str | None = field(default=None, metadata=_read(str))
    discord_gateway: str | None = field(default=None, metadata=_read(str))

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None

    @property
    def data_folder(self) -> Path:
        """Where Verbatim writes: the question log, the health file, chat history."""
        if self.data_dir is not None:
            return self.data_dir
        # Imported here: `python -m bot ask` with VERBATIM_DATA_DIR set never needs it.
        import platformdirs

        return Path(platformdirs.user_data_dir("verbatim", appauthor=False))

    @property
    def index_cache(self) -> Path | None:
        """VERBATIM_DATA_DIR/index-cache, else None: the corpus's own default cache folder."""
        return None if self.data_dir is None else self.data_dir / "index-cache"


def load_settings(environ: Mapping[str, str] | None = None, dotenv: Path = DOTENV) -> Settings:
    """Settings from `dotenv` (if it exists), overridden by the environment; every bad value
    is one line of the SettingsError."""
    given = _variables(os.environ if environ is None else environ, dotenv)
    values: dict[str, Any] = {}
    problems = []
    for setting in fields(Settings):
        names = setting.metadata["names"] or (PREFIX + setting.name.upper(),)
        found = next(((n, given[n.lower()]) for n in names if n.lower() in given), None)
        if found is None:
            continue
        name, text = found
        try:
            values[setting.name] = setting.metadata["parse"](text)
        except ValueError as exc:
            shown = "" if name == "DISCORD_TOKEN" else f" (got {text!r})"
            problems.append(f"setting {names[0]}: {exc}{shown}")
    if problems:
        raise SettingsError("\n".join(problems)) from None
    return Settings(**values)


def _variables(environ: Mapping[str, str], dotenv: Path) -> dict[str, str]:
    """Every variable by its lower-cased name (names are not case-sensitive); an empty
    value is unset, as compose passes `VERBATIM_DEV_GUILD_ID=` for an unset one."""
    given: dict[str, str] = {}
    if dotenv.is_file():
        # Imported here: most runs have no .env, and the import costs start-up time.
        from dotenv import dotenv_values

        try:
            from_file = dotenv_values(dotenv, encoding="utf-8")
        except ValueError as exc:  # not UTF-8
            raise SettingsError(f"settings: {exc}") from None
        given.update((k.lower(), v) for k, v in from_file.items() if v)
    given.update((k.lower(), v) for k, v in environ.items() if v)
    return given
