"""Settings from the environment and `.env`: the token kept secret, lists and numbers
parsed, and every bad value reported as one clear line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings

TOKEN = "MTIz.secret-token-value.xyz"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No VERBATIM_* or DISCORD_TOKEN from the caller, and a working directory without
    a .env of its own."""
    for name in list(os.environ):
        if name.startswith("VERBATIM_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_without_any_setting() -> None:
    settings = load_settings()
    assert settings.token is None and settings.discord_token is None
    assert settings.dev_guild_id is None and settings.shard_ids is None
    assert settings.log_level == "INFO" and settings.data_dir is None


def test_without_a_data_dir_verbatim_writes_to_the_users_data_folder(
    monkeypatch: pytest.MonkeyPatch, clean_env: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(clean_env / "xdg-data"))
    settings = load_settings()
    assert settings.data_folder == clean_env / "xdg-data" / "verbatim"
    assert settings.index_cache is None  # the corpus's own cache folder
    given = load_settings({"VERBATIM_DATA_DIR": "/srv/verbatim"})
    assert given.data_folder == Path("/srv/verbatim")
    assert given.index_cache == Path("/srv/verbatim/index-cache")


def test_every_opening_of_the_question_log_applies_retention(clean_env: Path) -> None:
    from datetime import timedelta

    from bot.questionlog.store import QuestionLog

    settings = load_settings({"VERBATIM_DATA_DIR": str(clean_env), "VERBATIM_RETENTION_DAYS": "7"})
    log = QuestionLog.from_settings(settings)
    assert (log.data_dir, log.retention, log.enabled) == (clean_env, timedelta(days=7), True)


def test_the_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = load_settings()
    assert settings.token == TOKEN
    dumped = asdict(settings)
    for shown in (repr(settings), str(settings), json.dumps(dumped, default=str), f"{settings}"):
        assert TOKEN not in shown
    assert TOKEN not in repr(dumped)


def test_the_token_may_also_be_given_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIM_DISCORD_TOKEN", TOKEN)
    assert load_settings().token == TOKEN


@pytest.mark.parametrize("blank", ["", " ", "\t \n"])
def test_a_blank_token_is_no_token(monkeypatch: pytest.MonkeyPatch, blank: str) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", blank)
    settings = load_settings()
    assert settings.token is None and settings.discord_token is None


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("0, 2", [0, 2]),
        ("0 2", [0, 2]),
        ("3", [3]),
        (" 1,2 , 5 ", [1, 2, 5]),
        ("", None),
        (" ", None),
    ],
)
def test_shard_ids_are_a_list_of_numbers(
    monkeypatch: pytest.MonkeyPatch, value: str, ids: list[int] | None
) -> None:
    monkeypatch.setenv("VERBATIM_SHARD_IDS", value)
    assert load_settings().shard_ids == ids


@pytest.mark.parametrize(("value", "ids"), [("1, 2", [1, 2]), ("", []), ("  ", [])])
def test_owner_ids_are_a_list_of_numbers(
    monkeypatch: pytest.MonkeyPatch, value: str, ids: list[int]
) -> None:
    monkeypatch.setenv("VERBATIM_OWNER_IDS", value)
    assert load_settings().owner_ids == ids


def test_numbers_and_names_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIM_DEV_GUILD_ID", "123456789012345678")
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "debug")
    monkeypatch.setenv("VERBATIM_COOLDOWN_SECONDS", "2.5")
    monkeypatch.setenv("VERBATIM_QUESTION_LOG", "false")
    settings = load_settings()
    assert settings.dev_guild_id == 123456789012345678
    assert settings.log_level == "DEBUG"
    assert settings.cooldown_seconds == 2.5
    assert settings.question_log is False


def test_a_bad_number_is_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERBATIM_DEV_GUILD_ID", "abc")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert len(message.splitlines()) == 1
    assert message.startswith("setting VERBATIM_DEV_GUILD_ID:") and "'abc'" in message
    assert "Traceback" not in message and "pydantic" not in message
    # Raised `from None`: nothing of pydantic's chained onto it.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_several_bad_values_are_one_line_each(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("VERBATIM_DEV_GUILD_ID", "abc")
    monkeypatch.setenv("VERBATIM_SHARD_IDS", "0, x")
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "LOUD")
    monkeypatch.setenv("VERBATIM_COOLDOWN_RATE", "0")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    lines = str(caught.value).splitlines()
    names = [line.split(":", 1)[0].removeprefix("setting ") for line in lines]
    assert sorted(names) == sorted(
        [
            "VERBATIM_DEV_GUILD_ID",
            "VERBATIM_SHARD_IDS",
            "VERBATIM_LOG_LEVEL",
            "VERBATIM_COOLDOWN_RATE",
        ]
    )
    assert TOKEN not in str(caught.value)


def test_a_dotenv_file_in_the_working_directory_is_read(
    monkeypatch: pytest.MonkeyPatch, clean_env: Path
) -> None:
    (clean_env / ".env").write_text(
        f"DISCORD_TOKEN={TOKEN}\nVERBATIM_DEV_GUILD_ID=42\nVERBATIM_SHARD_IDS=0, 2\n"
        "UNRELATED=ignored\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.token == TOKEN
    assert settings.dev_guild_id == 42 and settings.shard_ids == [0, 2]
    # The environment wins over the file.
    monkeypatch.setenv("VERBATIM_DEV_GUILD_ID", "7")
    assert load_settings().dev_guild_id == 7


def test_a_bad_value_in_dotenv_is_reported_like_one_in_the_environment(clean_env: Path) -> None:
    (clean_env / ".env").write_text(
        f"DISCORD_TOKEN={TOKEN}\nVERBATIM_DEV_GUILD_ID=abc\n", encoding="utf-8"
    )
    with pytest.raises(SettingsError, match=r"^setting VERBATIM_DEV_GUILD_ID: .*'abc'\)$"):
        load_settings()


def test_settings_can_be_built_directly_for_tests() -> None:
    assert Settings(dev_guild_id=5).dev_guild_id == 5


def test_python_m_bot_with_a_bad_setting_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("VERBATIM_") and k != "DISCORD_TOKEN"
    }
    env["VERBATIM_DEV_GUILD_ID"] = "abc"
    done = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: setting VERBATIM_DEV_GUILD_ID:") and "'abc'" in lines[0]
    assert "Traceback" not in done.stderr + done.stdout
