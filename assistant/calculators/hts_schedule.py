"""The US tariff schedule on file: chapter files of the USITC HTS JSON export in one folder, and its edition.

The folder holds one ``*.json`` file per chapter as exported from https://hts.usitc.gov/ (any file name; every
``*.json`` file there is read, so dropping in another chapter's export adds it) and an ``edition.yaml`` naming
the edition, its date and our guides on tariff actions taken after that date. An export is a list of rows
``{htsno, indent, description, units, general, special, other, footnotes, ...}`` in schedule order: a row's
parents are the rows above it with a smaller indent, and rows without an ``htsno`` only group the rows below.

:func:`schedule_for` loads a folder once and again only when one of its files changes; a folder or file that
cannot be used raises :class:`HtsScheduleError` naming the file and what is wrong with it. Nothing is read at
import time, and the lexical search index is built on the first product-word search.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import AssistantError

EDITION_FILE = "edition.yaml"
CODE_HELP = "an HTS number of 4, 6, 8 or 10 digits, such as 8544, 8544.42, 8544.42.90 or 8544.42.90.00"
SPECIAL_CHAPTERS = ("98", "99")  # special provisions and additional duties, not product classifications
_HTSNO = re.compile(r"[0-9]{4}(?:\.[0-9]{2}){0,3}")
_CODE = re.compile(r"[0-9][0-9.\s]*")
_CH99_REF = re.compile(r"\b99[0-9]{2}\.[0-9]{2}\.[0-9]{2}\b")


class HtsScheduleError(AssistantError):
    """The schedule folder, a chapter file or ``edition.yaml`` cannot be used: which one, and what is wrong."""

    public = "the tariff schedule on this server cannot be read right now: its administrator has to fix its files"


class NoScheduleError(HtsScheduleError):
    """The folder does not exist or holds no chapter files: no schedule is on file (the tool says so, no crash)."""


# ------------------------------------------------------------------ codes
def dotted(digits: str) -> str:
    """'8544429000' → '8544.42.90.00'."""
    return ".".join([digits[:4], *(digits[i:i + 2] for i in range(4, len(digits), 2))])


def normalize_code(text: str) -> str:
    """An HTS number in its dotted form: '854442' → '8544.42', '8544.42.9000' → '8544.42.90.00'.

    Raises:
        ValueError: not 4, 6, 8 or 10 digits (dots and spaces are ignored); the message says what a code looks like.
    """
    raw = text.strip()
    digits = re.sub(r"[.\s]", "", raw)
    if not _CODE.fullmatch(raw) or len(digits) not in (4, 6, 8, 10):
        shown = raw if len(raw) <= 40 else raw[:37] + "..."
        raise ValueError(f"must be {CODE_HELP} (dots optional); got {shown!r}")
    return dotted(digits)


def looks_like_code(text: str) -> bool:
    try:
        normalize_code(text)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ edition
class LaterChange(BaseModel):
    """A tariff action after the edition's date that changes what is paid, and our guide on it."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str = Field(description="The corpus guide on the change.")
    note: str = Field(description="What changed, in one or two sentences.")
    applies_to: list[str] = Field(default_factory=list, description="HTS prefixes it concerns; empty = all goods.")

    def concerns(self, htsno: str) -> bool:
        digits = htsno.replace(".", "")
        return not self.applies_to or any(digits.startswith(p.replace(".", "")) for p in self.applies_to)


class Guide(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prefix: str
    doc_id: str


class Edition(BaseModel):
    """``edition.yaml``: which edition the chapter files are, and the guides that go with it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    as_of: date
    source_title: str = Field(min_length=1)
    source_url: str = Field(min_length=1)
    later_changes: list[LaterChange] = Field(default_factory=list)
    guides: list[Guide] = Field(default_factory=list)
    usmca_guide: str | None = None

    def guides_for(self, htsno: str) -> list[str]:
        digits = htsno.replace(".", "")
        return [g.doc_id for g in self.guides if digits.startswith(g.prefix.replace(".", ""))]


# ------------------------------------------------------------------ rows
@dataclass(frozen=True, eq=False)
class HtsRow:
    """One row of a chapter file; ``parent`` is the row it is indented under (numbered or not)."""

    htsno: str  # '' for a row that only groups the rows below it
    indent: int
    description: str
    general: str
    special: str
    other: str
    units: tuple[str, ...]
    footnotes: tuple[tuple[tuple[str, ...], str], ...]  # (columns, text)
    file: str
    parent: HtsRow | None = field(default=None, repr=False)

    @property
    def chapter(self) -> str:
        return self.htsno[:2]

    @property
    def has_rate(self) -> bool:
        return bool(self.general or self.special or self.other)

    def ancestors(self) -> Iterator[HtsRow]:
        row = self.parent
        while row is not None:
            yield row
            row = row.parent

    def descends_from(self, other: HtsRow) -> bool:
        return any(a is other for a in self.ancestors())

    @property
    def rate_row(self) -> HtsRow | None:
        """This row when it carries rates, else the nearest ancestor that does (a statistical line inherits the
        rates of the 8-digit line above it); None for a heading whose rates are on its lines."""
        return next((r for r in (self, *self.ancestors()) if r.has_rate), None)

    @property
    def full_description(self) -> str:
        """Its description after those of every row it is indented under, joined with ': '."""
        parts = [r.description.rstrip(":").strip() for r in (*reversed(list(self.ancestors())), self)]
        return ": ".join(p for p in parts if p)

    def chapter_99_refs(self) -> dict[str, list[str]]:
        """Chapter-99 headings its footnotes and those of the rows above it name ('See 9903.88.03.'), with the
        columns each footnote is on."""
        refs: dict[str, list[str]] = {}
        for row in (self, *self.ancestors()):
            for columns, text in row.footnotes:
                for heading in _CH99_REF.findall(text):
                    refs.setdefault(heading, [])
                    refs[heading] += [c for c in columns if c not in refs[heading]]
        return refs


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _row(raw: Any, where: str, file: str, parent: HtsRow | None) -> HtsRow:
    if not isinstance(raw, dict):
        raise ValueError(f"{where} is not an object of fields")
    htsno, indent, description = raw.get("htsno"), raw.get("indent"), raw.get("description")
    if not isinstance(htsno, str) or (htsno.strip() and not _HTSNO.fullmatch(htsno.strip())):
        raise ValueError(f"{where} has htsno {htsno!r}: expected '' or digits like 8544.42.90.00")
    try:
        level = int(indent)
    except (TypeError, ValueError):
        raise ValueError(f"{where} has indent {indent!r}: expected a whole number such as \"2\"") from None
    if not isinstance(description, str):
        raise ValueError(f"{where} has no description text")
    notes = tuple(
        (tuple(str(c) for c in f.get("columns") or ()), _text(f.get("value")))
        for f in raw.get("footnotes") or () if isinstance(f, dict)
    )
    units = tuple(u.strip() for u in raw.get("units") or () if isinstance(u, str) and u.strip())
    return HtsRow(htsno.strip(), level, _text(description), _text(raw.get("general")), _text(raw.get("special")),
                  _text(raw.get("other")), units, notes, file, parent)


def read_chapter_file(path: Path) -> list[HtsRow]:
    """The rows of one exported chapter file, each linked to its parent; :class:`HtsScheduleError` if unusable."""
    fix = "replace it with the chapter's JSON export from https://hts.usitc.gov/ or remove it"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise HtsScheduleError(f"HTS chapter file {path} is not UTF-8 text: {fix}") from None
    except json.JSONDecodeError as exc:
        raise HtsScheduleError(f"HTS chapter file {path} is not valid JSON ({exc.msg} at line {exc.lineno}, "
                               f"column {exc.colno}): {fix}") from None
    except OSError as exc:
        raise HtsScheduleError(f"HTS chapter file {path} cannot be read ({exc.strerror or exc})") from None
    if not isinstance(data, list):
        raise HtsScheduleError(f"HTS chapter file {path} is not a USITC HTS JSON export: expected a list of rows, "
                               f"found a JSON {type(data).__name__}: {fix}")
    rows: list[HtsRow] = []
    stack: list[HtsRow] = []
    for i, raw in enumerate(data, start=1):
        while stack and stack[-1].indent >= _indent_of(raw):
            stack.pop()
        try:
            row = _row(raw, f"row {i}", path.name, stack[-1] if stack else None)
        except ValueError as exc:
            raise HtsScheduleError(f"HTS chapter file {path}: {exc}: {fix}") from None
        rows.append(row)
        stack.append(row)
    if not any(r.htsno for r in rows):
        raise HtsScheduleError(f"HTS chapter file {path} has no numbered rows (htsno): {fix}")
    return rows


def _indent_of(raw: Any) -> int:
    try:
        return int(raw.get("indent")) if isinstance(raw, dict) else 0
    except (TypeError, ValueError):
        return 0  # _row reports it


def read_edition(path: Path) -> Edition:
    import yaml

    if not path.is_file():
        raise HtsScheduleError(f"the HTS folder {path.parent} has no {EDITION_FILE}: add one with name, as_of, "
                               "source_title and source_url (see corpus/official/hts/edition.yaml)")
    try:
        return Edition.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        raise HtsScheduleError(f"{path} is not valid YAML ({str(exc).splitlines()[0]})") from None
    except ValidationError as exc:
        from assistant.validation import explain_validation_error

        raise HtsScheduleError(f"{path} is not a valid edition file: {explain_validation_error(exc, Edition)}") from None


# ------------------------------------------------------------------ the schedule
@dataclass
class HtsSchedule:
    """Every row of the chapter files in a folder, by HTS number, with the edition they belong to."""

    folder: Path
    edition: Edition
    rows: list[HtsRow] = field(repr=False)
    by_code: dict[str, HtsRow] = field(init=False, repr=False)
    chapters: list[str] = field(init=False)
    _indexes: dict[tuple[str, ...], Any] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_code = {}
        for row in self.rows:
            if row.htsno and row.htsno in self.by_code:
                first = self.by_code[row.htsno].file
                raise HtsScheduleError(f"HTS {row.htsno} is in two files of {self.folder}, {first} and {row.file}: "
                                       "keep one export per chapter")
            if row.htsno:
                self.by_code[row.htsno] = row
        self.chapters = sorted({r.chapter for r in self.by_code.values()})

    def get(self, code: str) -> HtsRow | None:
        return self.by_code.get(code)

    def descendants(self, row: HtsRow) -> list[HtsRow]:
        """The numbered rows indented under ``row``, in schedule order."""
        start = self.rows.index(row) + 1
        found = []
        for other in self.rows[start:]:
            if not other.descends_from(row):
                break
            if other.htsno:
                found.append(other)
        return found

    def with_prefix(self, code: str) -> list[HtsRow]:
        digits = code.replace(".", "")
        return [r for r in self.rows if r.htsno and r.htsno.replace(".", "").startswith(digits)]

    def rate_lines(self, chapters: tuple[str, ...] | None = None) -> list[HtsRow]:
        """Numbered rows that carry rates or inherit them, optionally only of some chapters."""
        return [r for r in self.rows
                if r.htsno and r.rate_row is not None and (chapters is None or r.chapter in chapters)]

    def search(self, query: str, k: int) -> list[HtsRow]:
        """The ``k`` lines whose descriptions best match ``query`` (BM25 over stemmed words; a line's own
        description counts twice, its parents' once). Product chapters first; chapters 98 and 99 only when no
        product chapter matches."""
        product = tuple(c for c in self.chapters if c not in SPECIAL_CHAPTERS)
        special = tuple(c for c in self.chapters if c in SPECIAL_CHAPTERS)
        for group in (product, special):
            hits = self._search(group, query, k) if group else []
            if hits:
                return hits
        return []

    def _search(self, chapters: tuple[str, ...], query: str, k: int) -> list[HtsRow]:
        from assistant.tokens import tokenize

        if chapters not in self._indexes:
            import bm25s

            lines = self.rate_lines(chapters)
            model = bm25s.BM25()
            model.index([tokenize(f"{r.full_description} {r.description}") or ["_empty_"] for r in lines],
                        show_progress=False)
            self._indexes[chapters] = (model, lines)
        model, lines = self._indexes[chapters]
        tokens = [t for t in tokenize(query) if t in model.vocab_dict]
        if not tokens or not lines:
            return []
        docs, scores = model.retrieve([tokens], k=min(k, len(lines)), show_progress=False, n_threads=0)
        return [lines[int(i)] for i, s in zip(docs[0], scores[0]) if s > 0]


def load_schedule(folder: Path) -> HtsSchedule:
    """Read every ``*.json`` chapter file and ``edition.yaml`` in ``folder`` (no caching: see :func:`schedule_for`)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NoScheduleError(f"the HTS folder {folder} does not exist: set NEARSHORE_HTS_DIR to the folder of "
                               "HTS chapter JSON files and edition.yaml (corpus/official/hts in the project)")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise NoScheduleError(f"the HTS folder {folder} has no chapter files (*.json): add a chapter's JSON export "
                               "from https://hts.usitc.gov/")
    edition = read_edition(folder / EDITION_FILE)
    return HtsSchedule(folder, edition, [row for path in files for row in read_chapter_file(path)])


def _signature(folder: Path) -> tuple:
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                 for p in sorted([*folder.glob("*.json"), folder / EDITION_FILE]) if p.is_file())


@lru_cache(maxsize=4)
def _cached(folder: str, signature: tuple) -> HtsSchedule:
    return load_schedule(Path(folder))


def schedule_for(folder: Path) -> HtsSchedule:
    """The schedule in ``folder``, read on first use and again only after a file there is added or changed."""
    folder = Path(folder).resolve()
    return _cached(str(folder), _signature(folder))
