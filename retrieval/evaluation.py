"""Retrieval evaluation: hit@1, hit@3, MRR, off-topic declines, false declines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from retrieval.engine import Engine
from retrieval.types import Answer


@dataclass(frozen=True)
class Case:
    """One evaluation question and the passages that answer it (none: must decline)."""

    question: str
    expect: tuple[str, ...]


@dataclass
class Report:
    """Evaluation figures, and the cases that missed."""

    answerable: int = 0
    offtopic: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal: float = 0.0
    declined_offtopic: int = 0
    false_declines: int = 0
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

    def figures(self) -> dict[str, float | int]:
        return {
            "questions": self.answerable + self.offtopic,
            "hit@1": round(self.hit_at_1, 3),
            "hit@3": round(self.hit_at_3, 3),
            "mrr": round(self.mrr, 3),
            "offtopic_decline_rate": round(self.decline_rate, 3),
            "false_declines": self.false_declines,
        }


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(str(item["q"]), tuple(item.get("expect") or ())) for item in data["questions"]]


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    """Ask every case; rank = position of the first expected passage among all pages."""
    report = Report()
    for case in cases:
        answer = engine.answer(case.question)
        if not case.expect:
            report.offtopic += 1
            if answer.status == "no_answer":
                report.declined_offtopic += 1
            else:
                report.misses.append((case, answer))
            continue
        report.answerable += 1
        ranked = _ranked_ids(engine, case.question, answer)
        rank = next((i for i, pid in enumerate(ranked, 1) if pid in case.expect), None)
        if answer.status != "answered":
            report.false_declines += 1
        if rank == 1:
            report.hit1 += 1
        if rank is not None and rank <= 3:
            report.hit3 += 1
        report.reciprocal += 1 / rank if rank else 0.0
        if rank != 1:
            report.misses.append((case, answer))
    return report


def _ranked_ids(engine: Engine, question: str, first: Answer) -> list[str]:
    ids = [q.passage_id for q in first.quotes]
    page, answer = 0, first
    while answer.has_more:
        page += 1
        answer = engine.answer(question, page=page)
        ids.extend(q.passage_id for q in answer.quotes)
    return ids
