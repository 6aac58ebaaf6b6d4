"""Settings from the environment and an optional `.env` (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the bot reads from its environment; DISCORD_TOKEN is never logged."""

    model_config = SettingsConfigDict(
        env_prefix="VERBATIM_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # An empty variable (compose passes `VERBATIM_DEV_GUILD_ID=` when unset) means unset.
        env_ignore_empty=True,
    )

    discord_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("DISCORD_TOKEN", "VERBATIM_DISCORD_TOKEN")
    )
    dev_guild_id: int | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    corpus: Path | None = None
    data_dir: Path = Path("data")
    # Question log (issue: what people ask that the corpus misses).
    question_log: bool = True
    retention_days: int = Field(default=90, ge=0)
    # Per-user cooldown: `cooldown_rate` questions per `cooldown_seconds`.
    cooldown_rate: int = Field(default=5, ge=1)
    cooldown_seconds: float = Field(default=30.0, gt=0)
    # Sharding for large deployments (discord.py's AutoShardedClient).
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: Annotated[list[int] | None, NoDecode] = None
    # Seconds between writes of the health file (data_dir/health.json).
    health_interval: float = Field(default=15.0, gt=0)
    # Users allowed to /reload besides the application's owner or team.
    owner_ids: Annotated[list[int], NoDecode] = []
    # Where Discord's API is; only tests point this elsewhere (a local stand-in).
    discord_api: str | None = None
    discord_gateway: str | None = None

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("shard_ids", "owner_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        if isinstance(value, str):
            # Blank is an empty list (no shards given: None, see below; no extra owners).
            return [int(part) for part in value.replace(",", " ").split()]
        return value

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("shard_ids", mode="after")
    @classmethod
    def _no_empty_shards(cls, value: list[int] | None) -> list[int] | None:
        return value or None

    @property
    def token(self) -> str | None:
        return self.discord_token.get_secret_value() if self.discord_token else None


class SettingsError(Exception):
    """Settings that cannot be used; the message is one line per problem."""


def load_settings() -> Settings:
    """Read settings, turning validation errors into one clear line each."""
    try:
        return Settings()
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            name = "VERBATIM_" + "_".join(str(p) for p in err["loc"]).upper()
            if name == "VERBATIM_DISCORD_TOKEN":
                name = "DISCORD_TOKEN"
            shown = "" if name == "DISCORD_TOKEN" else f" (got {err.get('input')!r})"
            lines.append(f"setting {name}: {err['msg']}{shown}")
        raise SettingsError("\n".join(lines)) from None
    except ValueError as exc:
        raise SettingsError(f"settings: {exc}") from None
