"""Answer-quality evaluation: is the answering sentence quoted, and are the rest declined?

Two kinds of sets. The regression set names the passages that answer (`expect`); the blind
sets (dev, test) name the exact words of the sentence that answers (`answer`), so a quote
counts only if it holds that sentence, not merely its passage. A broad question ("what are
the risks?") may be answered as well by any of a few sentences (`answers`, best first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from retrieval.engine import Engine
from retrieval.types import Answer

SETS = Path(__file__).parent / "evalsets"
SET_NAMES = ("regression", "dev", "test", "elsewhere")
# Packaged messages that train a model and measure nothing, evaluated only when named.
TRAINING_ONLY = ("train",)
# Sets only measured, never read while tuning: their questions are not printed as misses.
MEASURED_ONLY = frozenset({"test", "elsewhere"})
DECLINE_KINDS = frozenset({"off_topic", "small_talk"})


@dataclass(frozen=True)
class Case:
    """One evaluation question and what answers it (nothing: it must be declined)."""

    question: str
    expect: tuple[str, ...] = ()
    answer: str | None = None
    kind: str = "answerable"
    persona: str = ""
    style: str = ""
    from_metadata: bool = False
    also: tuple[str, ...] = ()  # other sentences that answer as well as `answer`

    @property
    def answerable(self) -> bool:
        return bool(self.expect) or self.answer is not None

    @property
    def to_decline(self) -> bool:
        """Whether the bot must decline it: off-topic or small talk, or asked as answerable
        with nothing that answers it."""
        return self.kind in DECLINE_KINDS or (self.kind == "answerable" and not self.answerable)

    @property
    def answers(self) -> tuple[str, ...]:
        """Every sentence's words that answer, `answer` first."""
        return () if self.answer is None else (self.answer, *self.also)


@dataclass
class Report:
    """Evaluation figures, and the cases that missed."""

    answerable: int = 0
    offtopic: int = 0
    near_misses: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    declined_offtopic: int = 0
    handled_near_misses: int = 0
    false_declines: int = 0
    confident_hits: int = 0  # first quotes that hold the answer, shown with confidence
    misses: list[tuple[Case, Answer]] = field(default_factory=list)

    @property
    def hit_at_1(self) -> float:
        return self.hit1 / self.answerable if self.answerable else 0.0

    @property
    def hit_at_3(self) -> float:
        return self.hit3 / self.answerable if self.answerable else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal / self.answerable if self.answerable else 0.0

    @property
    def decline_rate(self) -> float:
        return self.declined_offtopic / self.offtopic if self.offtopic else 1.0

    @property
    def confident_when_right(self) -> float:
        return self.confident_hits / self.hit1 if self.hit1 else 0.0

    @property
    def near_miss_rate(self) -> float:
        return self.handled_near_misses / self.near_misses if self.near_misses else 1.0

    def figures(self) -> dict[str, float | int]:
        return {
            "questions": self.answerable + self.offtopic + self.near_misses,
            "hit@1": round(self.hit_at_1, 3),
            "hit@3": round(self.hit_at_3, 3),
            "mrr": round(self.mrr, 3),
            "false_declines": self.false_declines,
            "offtopic_decline_rate": round(self.decline_rate, 3),
            "near_miss_handled": round(self.near_miss_rate, 3),
            "confident_when_right": round(self.confident_when_right, 3),
        }


def set_path(name: str) -> Path:
    """A packaged set by name (`SET_NAMES`, `TRAINING_ONLY`), or a path as given."""
    return SETS / f"{name}.yaml" if name in (*SET_NAMES, *TRAINING_ONLY) else Path(name)


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [_case(item) for item in data["questions"]]


def _case(item: dict[str, Any]) -> Case:
    expect = tuple(item.get("expect") or ())
    answers = [_fold(str(a)) for a in item.get("answers") or ()]
    if item.get("answer") is not None:
        answers.insert(0, _fold(str(item["answer"])))
    answer = answers[0] if answers else None
    kind = str(item.get("kind") or ("answerable" if expect or answer else "off_topic"))
    return Case(
        question=str(item["q"]),
        expect=expect,
        answer=answer,
        kind=kind,
        persona=str(item.get("persona") or ""),
        style=str(item.get("style") or ""),
        from_metadata=item.get("from") == "metadata",
        also=tuple(answers[1:]),
    )


def _fold(text: str) -> str:
    return " ".join(text.split())


def hit_rank(case: Case, answer: Answer) -> int | None:
    """1-based position of the first quote that holds what answers `case`, else None."""
    if case.from_metadata and case.answer is not None:
        facts = " ".join(f.value for f in answer.facts)
        if case.answer in _fold(facts):
            return 1
    for i, quote in enumerate(answer.quotes, 1):
        shown = _fold(quote.shown)
        if any(words in shown for words in case.answers):
            return i
        if case.answer is None and any(p.passage_id in case.expect for p in quote.parts):
            return i
    return None


def evaluate(engine: Engine, cases: Iterable[Case]) -> Report:
    """Ask every case and grade the first page of quotes."""
    report = Report()
    for case in cases:
        answer = engine.answer(case.question)
        if case.to_decline:
            report.offtopic += 1
            # Declined: no quote shown. A message with nothing to ask ("@everyone" alone) is
            # invalid, and gets the prompt to ask a question.
            if answer.status != "answered":
                report.declined_offtopic += 1
            else:
                report.misses.append((case, answer))
            continue
        if case.kind == "near_miss":
            report.near_misses += 1
            if answer.status != "answered" or answer.confidence == "low":
                report.handled_near_misses += 1
            else:
                report.misses.append((case, answer))
            continue
        report.answerable += 1
        rank = hit_rank(case, answer)
        if answer.status != "answered":
            report.false_declines += 1
        if rank == 1:
            report.hit1 += 1
            report.confident_hits += answer.confidence == "high"
        if rank is not None and rank <= 3:
            report.hit3 += 1
        report.reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            report.misses.append((case, answer))
    return report


def breakdown(engine: Engine, cases: Sequence[Case]) -> dict[str, Report]:
    """Reports for all cases, then per persona and per wording style."""
    groups: dict[str, list[Case]] = {"all": list(cases)}
    for case in cases:
        if case.persona:
            groups.setdefault(f"persona {case.persona}", []).append(case)
        if case.style:
            groups.setdefault(f"style {case.style}", []).append(case)
    return {name: evaluate(engine, group) for name, group in groups.items()}
