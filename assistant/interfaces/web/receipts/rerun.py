"""Re-running a receipt: compute it again with today's rate tables and list every figure that changed."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from assistant.errors import ToolInputError
from assistant.interfaces.web.receipts.model import ReceiptError, make_receipt, read_receipt


@dataclass(frozen=True)
class Change:
    """One figure whose value differs: a ``result`` line (by its path) or a ``rate`` (by its name).
    ``difference`` is new − old for numbers, else ``None``; ``old`` / ``new`` is ``None`` for a figure that
    appeared or disappeared."""

    kind: str
    item: str
    old: Any
    new: Any
    difference: float | None
    unit: str = ""


@dataclass(frozen=True)
class RerunReport:
    """What :func:`rerun_receipt` found. ``receipt``: the new receipt; ``tables_changed``: the rate tables'
    fingerprint differs from the one the receipt recorded (``None`` when it recorded none)."""

    tool: str
    as_of: str | None
    changes: list[Change] = field(default_factory=list)
    receipt: dict[str, Any] = field(default_factory=dict)
    old_version: str | None = None
    tables_changed: bool | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        """The API's answer: ``{"changed", "changes", "receipt", ...}``."""
        return {"changed": self.changed, "tool": self.tool, "as_of": self.as_of,
                "changes": [asdict(c) for c in self.changes], "old_version": self.old_version,
                "new_version": self.receipt.get("software", {}).get("version"),
                "rate_tables_changed": self.tables_changed, "receipt": self.receipt}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(old: Any, new: Any) -> bool:
    if _is_number(old) and _is_number(new):
        return math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-9)
    return old == new


def _difference(old: Any, new: Any) -> float | None:
    if _is_number(old) and _is_number(new) and math.isfinite(old) and math.isfinite(new):
        return round(new - old, 10)
    return None


def compare(kind: str, old: list[dict[str, Any]], new: list[dict[str, Any]], key: str) -> list[Change]:
    """The items of ``old`` and ``new`` (matched by ``key``) whose ``value`` differs, in the new order, then
    the ones that disappeared."""
    def name(item: dict[str, Any]) -> str:
        return str(item.get(key) or item.get("name") or item.get("item") or "")

    before = {name(item): item for item in old}
    after = {name(item): item for item in new}
    changes = []
    for label, item in after.items():
        was = before.get(label)
        old_value = was.get("value") if was is not None else None
        if was is None or not _same(old_value, item.get("value")):
            changes.append(Change(kind, label, old_value, item.get("value"), _difference(old_value, item.get("value")),
                                  str(item.get("unit") or "")))
    changes += [Change(kind, label, item.get("value"), None, None, str(item.get("unit") or ""))
                for label, item in before.items() if label not in after]
    return changes


def rerun_receipt(receipt: dict[str, Any] | str | bytes, *, source: str = "The receipt",
                  now: datetime | None = None) -> RerunReport:
    """Compute the receipt's calculation again — the same tool, inputs and as-of date, with the rate tables on
    file now — and list every result line and rate whose value changed (old, new, difference).

    ``receipt``: the parsed receipt or its JSON text; ``source`` names it in errors; ``now``: the new receipt's
    ``computed_at``.

    Raises:
        ReceiptError: not JSON, not a receipt, a newer schema version, an unknown tool, or inputs the tool
            rejects; the message is one sentence saying what is wrong and how to fix it.
    """
    from assistant.registry import run_tool

    data = read_receipt(receipt, source)
    name = data["tool"]
    as_of = date.fromisoformat(str(data["as_of"])) if data.get("as_of") else None
    try:
        result = run_tool(name, data["inputs"], today=as_of)
        fresh = make_receipt(name, data["inputs"], result, now=now)
    except ToolInputError as exc:
        reason = str(exc).removeprefix(f"Invalid input for {name}: ").rstrip(".")
        raise ReceiptError(f"{source} has inputs that {name} does not accept now ({reason}): correct them in the "
                           f"receipt's 'inputs', or compute a new receipt with `nearshore tool {name}`.") from None
    changes = compare("result", data.get("results", []), fresh["results"], "path")
    changes += compare("rate", data.get("rates", []), fresh["rates"], "key")
    recorded = data.get("rate_tables_sha256")
    software = data.get("software") if isinstance(data.get("software"), dict) else {}
    return RerunReport(tool=name, as_of=fresh.get("as_of"), changes=changes, receipt=fresh,
                       old_version=software.get("version"),
                       tables_changed=None if not recorded else recorded != fresh["rate_tables_sha256"])
