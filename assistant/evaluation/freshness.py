"""How current the knowledge is on a date: ``nearshore corpus freshness``.

Three lists, each pure given its inputs (the corpus folder is read by :func:`freshness_report` only):

- documents by the age of their ``as_of`` date, oldest first;
- rate tables whose newest row ends within ``window_days`` of the date, or has already ended (from then on the
  calculators use the latest row on file and say so);
- time-bound statements in the corpus whose date has passed: a dated phrase such as "until 10 November 2026",
  "through 31 December 2025", "expires on 1 March 2026" or "hasta el 31 de diciembre de 2025", with file and line.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from assistant.calculators.rates import RateBook
from assistant.ingest.discover import load_corpus

WINDOW_DAYS = 60

_MONTHS_EN = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], start=1)}
_MONTHS_EN |= {m[:3]: i for m, i in list(_MONTHS_EN.items())} | {"sept": 9}
_MONTHS_ES = {m: i for i, m in enumerate(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
     "diciembre"], start=1)} | {"setiembre": 9}

_EN_CUE = r"(?:until|till|through|thru|expires?(?: on)?|expired on|expiring(?: on)?|ends? on|ending on|valid to|no later than)"
_ES_CUE = r"(?:hasta el|vence el|vencen el|vigente hasta el|vigentes hasta el|a más tardar el|expira el|concluye el)"
_MONTH_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
_MONTH_ES = "|".join(sorted(_MONTHS_ES, key=len, reverse=True))
_PATTERNS = [
    # until 10 November 2026 / through 31 Dec 2025
    (re.compile(rf"\b{_EN_CUE}\s+(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_EN})\.?,?\s+(?P<y>\d{{4}})\b", re.I), _MONTHS_EN),
    # until November 10, 2026
    (re.compile(rf"\b{_EN_CUE}\s+(?P<m>{_MONTH_EN})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I), _MONTHS_EN),
    # hasta el 31 de diciembre de 2025
    (re.compile(rf"\b{_ES_CUE}\s+(?P<d>\d{{1,2}})\s+de\s+(?P<m>{_MONTH_ES})\s+(?:de|del)\s+(?P<y>\d{{4}})\b", re.I), _MONTHS_ES),
    # until 2026-11-10
    (re.compile(rf"(?:\b{_EN_CUE}|\b{_ES_CUE})\s+(?P<y>\d{{4}})-(?P<m>\d\d)-(?P<d>\d\d)\b", re.I), None),
]


@dataclass(frozen=True)
class DocumentAge:
    doc_id: str
    path: str
    as_of: date
    age_days: int


@dataclass(frozen=True)
class TableEnd:
    table: str
    title: str
    last_day: date
    days_left: int  # negative: the table ended that many days ago

    @property
    def ended(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class DatedStatement:
    path: str
    line: int
    date: date
    phrase: str
    text: str


@dataclass
class FreshnessReport:
    as_of: date
    documents: list[DocumentAge] = field(default_factory=list)
    tables: list[TableEnd] = field(default_factory=list)
    statements: list[DatedStatement] = field(default_factory=list)
    window_days: int = WINDOW_DAYS

    def summary(self) -> str:
        """One line: how many documents, how old the oldest, tables ended or ending, statements past their date."""
        ended = sum(t.ended for t in self.tables)
        oldest = f", oldest {self.documents[0].age_days} days" if self.documents else ""
        return (f"Freshness on {self.as_of.isoformat()}: {len(self.documents)} documents{oldest}; "
                f"{ended} rate table(s) ended and {len(self.tables) - ended} ending within {self.window_days} days; "
                f"{len(self.statements)} dated statement(s) past their date.")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["summary"] = self.summary()
        return data


def document_ages(documents: Iterable[tuple[str, str, str | date]], as_of: date) -> list[DocumentAge]:
    """(doc id, path, as_of) triples as ages on ``as_of``, oldest first (then by path)."""
    ages = []
    for doc_id, path, stamp in documents:
        day = stamp if isinstance(stamp, date) else date.fromisoformat(stamp)
        ages.append(DocumentAge(doc_id, path, day, (as_of - day).days))
    return sorted(ages, key=lambda a: (-a.age_days, a.path))


def tables_ending(book: RateBook, as_of: date, window_days: int = WINDOW_DAYS) -> list[TableEnd]:
    """Tables whose last covered day (the earliest end among their series) is within ``window_days`` of
    ``as_of`` or already past, soonest-ended first. Open-ended tables never appear."""
    out = []
    for name, table in book.tables.items():
        last = table.last_day()
        if last is not None and (last - as_of).days <= window_days:
            out.append(TableEnd(name, table.title, last, (last - as_of).days))
    return sorted(out, key=lambda t: (t.last_day, t.table))


def _match_date(m: re.Match[str], months: dict[str, int] | None) -> date | None:
    try:
        month = int(m["m"]) if months is None else months[m["m"].lower().rstrip(".")]
        return date(int(m["y"]), month, int(m["d"]))
    except (KeyError, ValueError):
        return None


def passed_statements(text: str, path: str, as_of: date) -> list[DatedStatement]:
    """Every dated phrase in ``text`` ("until 10 November 2026") whose date is before ``as_of``, with its line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        seen: set[tuple[int, int]] = set()
        for pattern, months in _PATTERNS:
            for m in pattern.finditer(line):
                day = _match_date(m, months)
                if day is None or day >= as_of or m.span() in seen:
                    continue
                seen.add(m.span())
                start = max(m.start() - 80, 0)
                excerpt = ("…" if start else "") + line[start:m.end() + 40].strip() + ("…" if m.end() + 40 < len(line) else "")
                found.append(DatedStatement(path, number, day, m.group(0), excerpt))
    return sorted(found, key=lambda s: s.line)


def freshness_report(corpus_dir: Path, book: RateBook, as_of: date, window_days: int = WINDOW_DAYS) -> FreshnessReport:
    """The three lists for the corpus under ``corpus_dir`` and the rate tables in ``book``, on ``as_of``."""
    loaded = load_corpus(corpus_dir)
    report = FreshnessReport(as_of=as_of, window_days=window_days)
    report.documents = document_ages(((d.meta.id, _relative(d.path, corpus_dir), d.meta.as_of) for d in loaded.documents), as_of)
    report.tables = tables_ending(book, as_of, window_days)
    for doc in loaded.documents:
        path = Path(doc.path) if Path(doc.path).is_absolute() else corpus_dir / doc.path
        if path.suffix.lower() in {".md", ".markdown"}:
            report.statements += passed_statements(path.read_text(encoding="utf-8"), _relative(doc.path, corpus_dir), as_of)
    report.statements.sort(key=lambda s: (s.date, s.path, s.line))
    return report


def _relative(path: str, root: Path) -> str:
    if not Path(path).is_absolute():
        return path  # the loader already gives paths relative to the corpus folder
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path


def format_report(report: FreshnessReport, max_documents: int | None = 20) -> str:
    """The report as plain text: documents by age, tables, dated statements, then the one-line summary."""
    lines = [f"Documents by age of as_of (oldest first) on {report.as_of.isoformat()}:"]
    shown = report.documents if max_documents is None else report.documents[:max_documents]
    lines += [f"  {d.age_days:>5} days  {d.as_of.isoformat()}  {d.path}  ({d.doc_id})" for d in shown]
    if len(shown) < len(report.documents):
        lines.append(f"  … and {len(report.documents) - len(shown)} more (use --all to list every document)")
    lines += ["", f"Rate tables ended or ending within {report.window_days} days:"]
    lines += [f"  {t.table}: last row ends {t.last_day.isoformat()} — "
              + (f"ended {-t.days_left} days ago; the calculators use it as the latest on file" if t.ended
                 else f"{t.days_left} days left") for t in report.tables] or ["  none"]
    lines += ["", "Time-bound statements whose date has passed:"]
    lines += [f"  {s.path}:{s.line}  {s.date.isoformat()}  \"{s.phrase}\" — {s.text}" for s in report.statements] or ["  none"]
    return "\n".join([*lines, "", report.summary()])
