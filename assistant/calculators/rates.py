"""Dated rate tables: load them from package data and pick the row in force on a date.

Each table is one YAML file in ``assistant/data/rates/`` with a ``table`` name, a ``unit``, the ``key``
fields that identify a series (e.g. ``[zone]``) and ``rows``. Every row has ``value``, ``effective_from``,
``effective_to`` (``null`` = until changed) and ``source: {title, url}``; any other field (``note``,
``base``, ``lower_uma`` ...) is kept in ``Rate.attrs``. Loading checks the shape and that no two rows of
the same series overlap. A lookup for a date no row covers raises :class:`RateNotInForceError` naming the
date and the range the series covers; there is no silent fallback to the nearest row.

Latest on file: a date *after* a series' last row (the calendar has moved past the newest rates on file) is
answered with that last row only when the caller passes a ``notices`` list, and a notice saying so is added to
it: the table's ``latest_notice`` template, or a generic sentence. The template may use ``{start}``, ``{end}``
(the row's dates), ``{next}`` (the day after ``{end}``), ``{as_of}``, ``{start_year}``, ``{end_year}``,
``{next_year}`` and ``{next_fy}`` (the US fiscal year that begins on or contains ``{next}``). A date before
the first row, or in a gap between rows, stays an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

from assistant.calculators.common import Assumption, CalculatorInputError, RateNotInForceError

RATES_PACKAGE = "assistant.data.rates"
_ROW_FIELDS = {"value", "effective_from", "effective_to", "source"}


class RateTableError(ValueError):
    """A rate file is malformed (a developer's mistake in the data, not a user's input)."""


@dataclass(frozen=True)
class Rate:
    """One row of a rate table."""

    table: str
    key: dict[str, Any]
    value: Any
    unit: str
    effective_from: date
    effective_to: date | None
    source_title: str
    source_url: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    @property
    def source(self) -> str:
        return f"{self.source_title}, {self.source_url}"

    def assumption(self, name: str, value: Any = None, unit: str | None = None) -> Assumption:
        """This row as an assumption of a result (``value`` overrides the row's value, e.g. a derived one)."""
        return Assumption(
            name=name,
            value=self.value if value is None else value,
            unit=unit or self.attrs.get("unit") or self.unit,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            source=self.source,
        )


def _describe_key(key: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in key.items())


@dataclass(frozen=True)
class RateTable:
    """The rows of one file, looked up by key and date."""

    name: str
    title: str
    unit: str
    key_fields: tuple[str, ...]
    rows: tuple[Rate, ...]
    latest_notice: str | None = None

    def series(self, **key: Any) -> list[Rate]:
        """All rows of one series (all rows when the table has no key)."""
        unknown = set(key) - set(self.key_fields)
        if unknown:
            raise RateTableError(f"table {self.name} has no key field(s) {sorted(unknown)}")
        return [r for r in self.rows if all(r.key.get(k) == v for k, v in key.items())]

    def key_values(self, key_field: str) -> list[Any]:
        """The distinct values of one key field, in file order (e.g. the states on file)."""
        return list(dict.fromkeys(r.key[key_field] for r in self.rows))

    def coverage(self, **key: Any) -> tuple[date, date | None]:
        """First and last day covered by the series (``None`` = open-ended)."""
        rows = self.series(**key)
        start = min(r.effective_from for r in rows)
        end = None if any(r.effective_to is None for r in rows) else max(r.effective_to for r in rows)
        return start, end

    def get(self, as_of: date, *, notices: list[str] | None = None, **key: Any) -> Rate:
        """The row of the series in force on ``as_of``.

        With ``notices``, a date after the series' last row gives that last row (the latest on file) and
        appends a notice saying so; without it, that date is an error like any other uncovered date.

        Raises:
            CalculatorInputError: no row has that key.
            RateNotInForceError: rows exist but none is in force on ``as_of`` (and it is not a latest-on-file
                case the caller accepted).
        """
        rows = self.series(**key)
        if not rows:
            raise CalculatorInputError(f"The {self.title.lower()} table has no row for {_describe_key(key)}.")
        for row in rows:
            if row.in_force(as_of):
                return row
        start, end = self.coverage(**key)
        if notices is not None and end is not None and as_of > end:
            latest = max(rows, key=lambda r: r.effective_from)
            notice = self.notice(latest, as_of)
            if notice not in notices:
                notices.append(notice)
            return latest
        what = f"{self.title} ({_describe_key(key)})" if key else self.title
        until = end.isoformat() if end else "open-ended"
        in_a_gap = start <= as_of and (end is None or as_of <= end)
        raise RateNotInForceError(
            f"No {what} is in force on {as_of.isoformat()}: the table covers {start.isoformat()} to {until}"
            + (", with a gap on that date." if in_a_gap else ".")
        )

    def notice(self, latest: Rate, as_of: date) -> str:
        """The sentence that says ``latest`` (the last row on file) was used for ``as_of``, after its end."""
        end = latest.effective_to or as_of
        following = end + timedelta(days=1)
        fields = {
            "title": self.title, "start": latest.effective_from.isoformat(), "end": end.isoformat(),
            "next": following.isoformat(), "as_of": as_of.isoformat(), "start_year": latest.effective_from.year,
            "end_year": end.year, "next_year": following.year,
            "next_fy": following.year + (1 if following.month >= 10 else 0),
        }
        template = self.latest_notice or (
            "{title}: the rates in force {start} to {end} are the latest on file and were applied to {as_of}; "
            "newer rates apply from {next} and are not on file yet."
        )
        return template.format(**fields)

    def in_force(self, as_of: date) -> list[Rate]:
        """Every row in force on ``as_of``, across series."""
        return [r for r in self.rows if r.in_force(as_of)]

    def last_day(self) -> date | None:
        """The last day every series of the table is covered (``None`` if all are open-ended)."""
        ends = []
        for key in {tuple(sorted(r.key.items())) for r in self.rows}:
            _, end = self.coverage(**dict(key))
            if end is not None:
                ends.append(end)
        return min(ends) if ends else None


@dataclass(frozen=True)
class RateBook:
    """All rate tables, by table name."""

    tables: dict[str, RateTable]

    def __getitem__(self, name: str) -> RateTable:
        try:
            return self.tables[name]
        except KeyError:
            raise RateTableError(f"no rate table named {name!r} (have: {', '.join(sorted(self.tables))})") from None


def _parse_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RateTableError(f"{where}: expected a date YYYY-MM-DD, got {value!r}")


def parse_table(data: dict[str, Any], origin: str = "<data>") -> RateTable:
    """Build and check a :class:`RateTable` from the parsed YAML of one file."""
    if not isinstance(data, dict) or not {"table", "unit", "key", "rows"} <= set(data):
        raise RateTableError(f"{origin}: a rate file needs 'table', 'unit', 'key' and 'rows'")
    name, unit, key_fields = str(data["table"]), str(data["unit"]), tuple(data["key"] or ())
    rows: list[Rate] = []
    for i, raw in enumerate(data["rows"] or []):
        where = f"{origin} row {i + 1}"
        if not isinstance(raw, dict):
            raise RateTableError(f"{where}: a row must be a mapping")
        missing = (_ROW_FIELDS | set(key_fields)) - set(raw)
        if missing:
            raise RateTableError(f"{where}: missing {sorted(missing)}")
        source = raw["source"]
        if not isinstance(source, dict) or not source.get("title") or not source.get("url"):
            raise RateTableError(f"{where}: source needs a title and a url")
        start = _parse_date(raw["effective_from"], where)
        end = None if raw["effective_to"] is None else _parse_date(raw["effective_to"], where)
        if end is not None and end < start:
            raise RateTableError(f"{where}: effective_to {end} is before effective_from {start}")
        if raw["value"] is None:
            raise RateTableError(f"{where}: value is empty")
        attrs = {k: v for k, v in raw.items() if k not in _ROW_FIELDS and k not in key_fields}
        rows.append(
            Rate(name, {k: raw[k] for k in key_fields}, raw["value"], unit, start, end,
                 str(source["title"]), str(source["url"]), attrs)
        )
    if not rows:
        raise RateTableError(f"{origin}: no rows")
    notice = data.get("latest_notice")
    table = RateTable(name, str(data.get("title") or name), unit, key_fields, tuple(rows),
                      None if notice is None else str(notice))
    _check_overlaps(table, origin)
    return table


def _check_overlaps(table: RateTable, origin: str) -> None:
    by_key: dict[tuple, list[Rate]] = {}
    for row in table.rows:
        by_key.setdefault(tuple(sorted(row.key.items())), []).append(row)
    for key, rows in by_key.items():
        rows.sort(key=lambda r: r.effective_from)
        for before, after in zip(rows, rows[1:]):
            if before.effective_to is None or before.effective_to >= after.effective_from:
                raise RateTableError(
                    f"{origin}: rows for {_describe_key(dict(key)) or 'the table'} overlap "
                    f"({before.effective_from} and {after.effective_from})"
                )


@lru_cache(maxsize=1)
def load_rates() -> RateBook:
    """Load every ``*.yaml`` table shipped in :data:`RATES_PACKAGE` (read once, then cached)."""
    import yaml  # imported here so that importing the calculators stays cheap

    tables: dict[str, RateTable] = {}
    for entry in sorted(files(RATES_PACKAGE).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        table = parse_table(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
        if table.name in tables:
            raise RateTableError(f"{entry.name}: table name {table.name!r} is used twice")
        tables[table.name] = table
    return RateBook(tables)


def latest_exchange_rate() -> Rate:
    """The latest row of the exchange-rate table (Banco de México FIX, monthly average)."""
    return max(load_rates()["mxn_per_usd"].rows, key=lambda r: r.effective_from)
