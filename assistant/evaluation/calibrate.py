"""Calibrate the abstention threshold (``min_support``) on the QA set.

Retrieval does not depend on the threshold, so each question is retrieved once (a memoizing wrapper around
the searcher) and only the answer step is re-run for each candidate value.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.evaluation.metrics import summarize
from assistant.evaluation.qa import QA_SET_DATE, QAItem
from assistant.evaluation.runner import assistant_system, calculators_available, run_items


class MemoSearcher:
    """Wraps a searcher and remembers its results; everything else is passed through."""

    def __init__(self, searcher):
        self._searcher = searcher
        self._memo: dict = {}

    def retrieve(self, query, k=5, filters=None, query_vector=None, snapshot=None):
        key = (query, k, repr(sorted((filters or {}).items())))
        if key not in self._memo:
            self._memo[key] = self._searcher.retrieve(query, k, filters, query_vector=query_vector, snapshot=snapshot)
        return self._memo[key]

    def search(self, query, k=5, filters=None, query_vector=None, snapshot=None):
        return self.retrieve(query, k, filters, query_vector, snapshot).passages

    def __getattr__(self, name):
        return getattr(self._searcher, name)


@dataclass
class CalibrationPoint:
    min_support: float
    abstention_precision: float | None
    abstention_recall: float | None
    abstention_f1: float | None
    key_fact_accuracy: float | None  # factual + multi-turn
    wrong_abstentions: int


def default_grid(lo: float = 0.20, hi: float = 0.60, step: float = 0.02) -> list[float]:
    n = int(round((hi - lo) / step))
    return [round(lo + i * step, 4) for i in range(n + 1)]


def sweep(assistant, items: list[QAItem], values: list[float], k: int = 5) -> list[CalibrationPoint]:
    original_searcher, original_threshold = assistant.searcher, assistant.min_support
    clock = assistant.today
    assistant.today = lambda: QA_SET_DATE  # the QA set's expected answers hold for its date
    unavailable = calculators_available()
    restore = assistant.use_tools
    if unavailable:
        assistant.use_tools = False
    assistant.searcher = MemoSearcher(original_searcher)
    points = []
    try:
        for value in values:
            assistant.min_support = value
            overall = summarize(run_items(assistant_system(assistant), items, k, unavailable))["overall"]
            points.append(CalibrationPoint(value, overall["abstention_precision"], overall["abstention_recall"],
                                           overall["abstention_f1"], overall["key_fact_accuracy_factual_multi_turn"],
                                           overall["abstained_wrongly"]))
    finally:
        assistant.today = clock
        assistant.searcher, assistant.min_support, assistant.use_tools = original_searcher, original_threshold, restore
    return points


def choose(points: list[CalibrationPoint], accuracy_slack: float = 0.01) -> CalibrationPoint:
    """Best abstention F1 among values whose key-fact accuracy is within ``accuracy_slack`` of the best seen.

    Ties go to the higher key-fact accuracy; among values still tied (a plateau), the middle one, which is
    the least sensitive to noise.
    """
    best_acc = max((p.key_fact_accuracy or 0.0) for p in points)
    eligible = [p for p in points if (p.key_fact_accuracy or 0.0) >= best_acc - accuracy_slack]
    score = lambda p: (round(p.abstention_f1 or 0.0, 6), round(p.key_fact_accuracy or 0.0, 6))  # noqa: E731
    top = score(max(eligible, key=score))
    tied = sorted((p for p in eligible if score(p) == top), key=lambda p: p.min_support)
    return tied[len(tied) // 2]


def render_table(points: list[CalibrationPoint], chosen: CalibrationPoint | None = None) -> str:
    lines = ["| min_support | abst. precision | abst. recall | abst. F1 | key-fact acc. (factual+multi_turn) | wrong abstentions |",
             "|---|---|---|---|---|---|"]
    f = lambda v: "—" if v is None else f"{v:.3f}"  # noqa: E731
    for p in points:
        mark = " ←" if chosen is not None and p.min_support == chosen.min_support else ""
        lines.append(f"| {p.min_support:.2f}{mark} | {f(p.abstention_precision)} | {f(p.abstention_recall)} | "
                     f"{f(p.abstention_f1)} | {f(p.key_fact_accuracy)} | {p.wrong_abstentions} |")
    return "\n".join(lines)
