"""Load and validate the QA set (``tests/qa/*.jsonl``): one JSON object a line.

A malformed line is reported with its file and line number and skipped; every other line still loads.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.validation import explain_validation_error

Category = Literal["factual", "multi_turn", "calculator", "out_of_scope", "adversarial"]
Split = Literal["dev", "heldout"]
HELDOUT_PERCENT = 35
# The day the QA set's expected answers hold for: "this year's minimum wage", a calculation without a date and
# "the latest MPF" are answered as of this day, so the gate does not drift as the calendar moves. Re-check the
# items and move this date forward together (see README: Evaluation).
QA_SET_DATE = date(2026, 12, 1)
SPLIT_RULE = f"held-out when int(sha256(id).hexdigest(), 16) % 100 < {HELDOUT_PERCENT}, else dev"


def split_of(item_id: str) -> Split:
    """The item's part of the QA set, fixed by a hash of its id alone: "heldout" (about 35 %) or "dev".

    Adding, removing or reordering other items never moves an item; changing an item's id does.
    """
    bucket = int(hashlib.sha256(item_id.encode("utf-8")).hexdigest(), 16) % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "dev"


class QATurn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class QAItem(BaseModel):
    """One QA item, in the schema of the knowledge-base issue."""

    model_config = {"extra": "forbid"}

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    history: list[QATurn] = Field(default_factory=list)
    category: Category
    lang: Literal["en", "es"] = "en"
    expected_sources: list[str] = Field(default_factory=list)
    must_include: list[Union[str, list[str]]] = Field(default_factory=list)
    must_not_include: list[str] = Field(default_factory=list)
    expect_abstain: bool = False
    expected_tool: str | None = None
    expected_values: dict[str, float] = Field(default_factory=dict)
    # A question that names a provision of an official text ("artículo 59 de la Ley Aduanera", "HTS 8544.42"):
    # the look-up key (assistant.legal_refs) the first cited passage must hold — look-ups are exact or wrong.
    expected_ref: str | None = None

    @field_validator("must_include")
    @classmethod
    def _non_empty_alternatives(cls, value):
        for entry in value:
            if isinstance(entry, list) and not entry:
                raise ValueError("a must_include alternative list must name at least one string")
        return value


@dataclass
class QAProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — line skipped"


@dataclass
class QASet:
    items: list[QAItem] = field(default_factory=list)
    problems: list[QAProblem] = field(default_factory=list)


def qa_files(paths: list[Path]) -> list[Path]:
    """Files named directly, plus every ``*.jsonl`` inside folders, in a stable order."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def load_qa(paths: list[Path]) -> QASet:
    """Load every QA line under ``paths``; malformed lines and duplicate ids become problems."""
    result = QASet()
    seen: dict[str, str] = {}
    for path in qa_files(paths):
        if not path.is_file():
            result.problems.append(QAProblem(str(path), 0, "file does not exist"))
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                result.problems.append(QAProblem(str(path), number, f"not valid JSON ({exc.msg})"))
                continue
            if not isinstance(data, dict):
                result.problems.append(QAProblem(str(path), number, "expected a JSON object"))
                continue
            try:
                item = QAItem.model_validate(data)
            except ValidationError as exc:
                result.problems.append(QAProblem(str(path), number, explain_validation_error(exc)))
                continue
            if item.id in seen:
                result.problems.append(QAProblem(str(path), number, f"duplicate id '{item.id}' (first in {seen[item.id]})"))
                continue
            seen[item.id] = f"{path}:{number}"
            result.items.append(item)
    return result
