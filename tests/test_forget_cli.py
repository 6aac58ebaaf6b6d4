"""`python -m bot forget USER_ID`: an operator deletes a user's rows."""

from __future__ import annotations

from pathlib import Path

from bot.questionlog.store import QuestionLog
from tests.test_cli import run


def test_forget_deletes_the_users_rows_and_says_how_many(tmp_path: Path) -> None:
    with QuestionLog(tmp_path / "data") as log:
        mine = log.record("What is RLHF?", channel="slash", status="answered", user_id=42)
        log.record("What is the EU AI Act?", channel="dm", status="answered", user_id=42)
        theirs = log.record("Hello", channel="dm", status="answered", user_id=7)
        assert mine is not None and theirs is not None
        assert log.feedback(theirs, 42, "up")
    result = run("forget", "42", tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "deleted 3 rows of user 42"
    again = run("forget", "42", tmp=tmp_path)
    assert again.stdout.strip() == "deleted 0 rows of user 42"
    assert run("forget", "7", tmp=tmp_path).stdout.strip() == "deleted 1 row of user 7"
    bad = run("forget", "someone", tmp=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
