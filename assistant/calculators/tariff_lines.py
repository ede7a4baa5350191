"""Lines of the US tariff schedule on file (``tariff_line``): by HTS number or product words, with their rates,
USMCA treatment, chapter-99 headings, the edition they come from and the later tariff actions to read with them.

Not a cost calculator: it reports the schedule as published on one date (:mod:`.hts_schedule` reads it). What is
actually paid also depends on tariff actions after that date, which the result lists as ``later_changes``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.calculators.common import Assumption, CalcInput, CalcResult, calc_date, unique
from assistant.calculators.hts_schedule import (
    CODE_HELP,
    HtsRow,
    HtsSchedule,
    LaterChange,
    NoScheduleError,
    looks_like_code,
    normalize_code,
    schedule_for,
)

CODE_LINES = 25  # most lines a code lookup lists
_PROGRAMS = re.compile(r"([^()]*?)\s*\(([^()]*)\)")
_PROGRAM = re.compile(r"[A-Z]{1,2}[+*]?")
_AD_VALOREM = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*%")


class TariffLineInput(CalcInput):
    """Inputs of :func:`tariff_line`: a code or product words, not both."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "8544.42"}]})

    code: str | None = Field(
        default=None, min_length=1, max_length=40,
        description="HTS number of 4, 6, 8 or 10 digits (dots optional); a 4- or 6-digit code lists the lines under it.",
        examples=["8544.42", "8544.42.90.00"], json_schema_extra={"accepted": CODE_HELP},
    )
    query: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="Product words to search the tariff descriptions for.", examples=["lithium-ion batteries"],
    )
    limit: int = Field(default=5, ge=1, le=25,
                       description=f"How many lines a product-word search returns (a code lists up to {CODE_LINES}).")

    @field_validator("code", "query", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        """A code given as a JSON number (8544.42 on the command line, or from a model): its text, with the
        trailing zero a float drops put back (8544.4 → '8544.40'; HTS digits come in pairs)."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        text = str(value)
        return text + "0" if isinstance(value, float) and len(text.replace(".", "")) % 2 else text

    @field_validator("code")
    @classmethod
    def _dotted(cls, value: str | None) -> str | None:
        return None if value is None else normalize_code(value)

    @field_validator("query")
    @classmethod
    def _has_words(cls, value: str | None) -> str | None:
        if value is not None and not re.search(r"[^\W_]", value):
            raise ValueError(f"give product words such as 'coaxial cable'; got {value!r}")
        return value

    @model_validator(mode="after")
    def _code_or_query(self) -> "TariffLineInput":
        if self.code is not None and self.query is not None:
            raise ValueError("give either code (an HTS number such as 8544.42) or query (product words such as "
                             "'coaxial cable'), not both")
        if self.code is None and self.query is None:
            raise ValueError("give code (an HTS number such as 8544.42) or query (product words such as 'coaxial cable')")
        return self


class Chapter99Heading(BaseModel):
    heading: str = Field(description="Chapter-99 heading named by a footnote of the line, e.g. 9903.88.03.")
    columns: list[str] = Field(description="The line's columns the footnote is on: general, special, other, desc.")
    description: str | None = Field(description="That heading's own text, shortened; null when it is not on file.")
    rate: str | None = Field(description="That heading's rate, e.g. 'The duty provided in the applicable subheading "
                             "+ 25%'; null when it is not on file.")


class TariffLine(BaseModel):
    label: str = Field(description="HTS number and the line's own description, shortened.")
    htsno: str
    description: str = Field(description="Full description: the rows it is indented under, then its own, joined by ': '.")
    general: str = Field(description="Column 1 general (MFN) rate.")
    general_ad_valorem_percent: float | None = Field(
        description="The general rate as a number when it is Free (0) or a plain percent of value; null otherwise.")
    special: str = Field(description="Column 1 special rates, each followed by its program indicators.")
    usmca: bool = Field(description="True when the special column lists S or S+ (USMCA).")
    usmca_note: str
    other: str = Field(description="Column 2 rate.")
    units: list[str]
    rate_from: str | None = Field(description="The line whose rates a statistical line inherits; null = its own.")
    chapter_99: list[Chapter99Heading]


class ScheduleEdition(BaseModel):
    name: str
    as_of: date
    source_url: str


class TariffLineResult(CalcResult):
    found: bool
    message: str
    code: str | None = Field(description="The HTS number looked up, in dotted form.")
    query: str | None
    chapters_on_file: list[str]
    heading: TariffLine | None = Field(description="The heading asked for when it carries no rates itself.")
    lines: list[TariffLine]
    total_lines: int = Field(description=f"Lines that matched; a code shows the first {CODE_LINES}.")
    edition: ScheduleEdition | None = Field(description="The edition of the schedule on file; null when none is.")
    later_changes: list[LaterChange] = Field(
        description="Tariff actions after the edition's date that change what is paid, with the guide on each.")


# ------------------------------------------------------------------ one line
def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


_EXCEPT = re.compile(r"Except as provided in (?:sub)?headings? ((?:[0-9]{4}\.[0-9]{2}\.[0-9]{2}(?:, or |, and |, | or | and )?)+), "
                     r"(?=[a-z])")


def chapter_99_text(description: str, limit: int = 300) -> str:
    """A chapter-99 heading's text, its opening list of excepted headings counted rather than listed."""
    m = _EXCEPT.match(description)
    if m and m.end() < len(description):
        n = len(re.findall(r"[0-9]{4}\.[0-9]{2}", m.group(1)))
        rest = description[m.end():]
        description = f"{rest[0].upper()}{rest[1:]} (except as provided in {n} other heading{'s' if n != 1 else ''})"
    return _short(description, limit)


def special_programs(special: str) -> list[tuple[str, list[str]]]:
    """'Free (A,AU,S,SG) 5% (JP)' → [('Free', ['A', 'AU', 'S', 'SG']), ('5%', ['JP'])]; other parentheses skipped."""
    groups = []
    for rate, inside in _PROGRAMS.findall(special):
        codes = [c.strip() for c in inside.split(",")]
        if codes and all(_PROGRAM.fullmatch(c) for c in codes):
            groups.append((rate.strip(), codes))
    return groups


def usmca_status(general: str, special: str) -> tuple[bool, str]:
    """Whether the special column lists USMCA (S or S+), and what that means, in one sentence."""
    for rate, codes in special_programs(special):
        rate = rate or "Free"
        if "S+" in codes:
            return True, (f"{rate} under USMCA (S+) only for goods originating under HTSUS General Note 11(b), not "
                          "for goods merely deemed originating under 11(p).")
        if "S" in codes:
            return True, (f"{rate} under USMCA (S) for goods originating under HTSUS General Note 11, claimed with "
                          "the indicator S and a USMCA certification of origin.")
    if general.lower() == "free":
        return False, "No USMCA rate is listed because the general rate is already Free."
    return False, "No USMCA (S or S+) rate is listed on this line."


def ad_valorem(rate: str) -> float | None:
    if rate.strip().lower() == "free":
        return 0.0
    m = _AD_VALOREM.fullmatch(rate.strip())
    return float(m.group(1)) if m else None


def build_line(schedule: HtsSchedule, row: HtsRow) -> TariffLine:
    """One row as a line, with the rates it carries or inherits and its chapter-99 headings."""
    source = row.rate_row
    general, special, other = (source.general, source.special, source.other) if source else ("", "", "")
    usmca, note = usmca_status(general, special) if source else (False, "The rates are on the lines below.")
    headings = []
    for heading, columns in row.chapter_99_refs().items():
        ch99 = schedule.get(heading)
        rate_row = ch99.rate_row if ch99 else None
        headings.append(Chapter99Heading(heading=heading, columns=columns,
                                         description=chapter_99_text(ch99.description) if ch99 else None,
                                         rate=(rate_row.general or None) if rate_row else None))
    return TariffLine(
        label=f"{row.htsno} {_short(row.description.rstrip(':'), 60)}", htsno=row.htsno, description=row.full_description,
        general=general, general_ad_valorem_percent=ad_valorem(general) if source else None, special=special,
        usmca=usmca, usmca_note=note, other=other, units=list(row.units),
        rate_from=source.htsno if source is not None and source is not row else None, chapter_99=headings,
    )


# ------------------------------------------------------------------ lookups
def _rated(rows: list[HtsRow]) -> list[HtsRow]:
    return [r for r in rows if r.rate_row is not None]


def lookup_code(schedule: HtsSchedule, code: str) -> tuple[HtsRow | None, list[HtsRow], str]:
    """(heading without rates or None, the lines, a message) for a dotted code; no lines = not on file."""
    chapter, on_file = code[:2], ", ".join(schedule.chapters)
    if chapter not in schedule.chapters:
        return None, [], (f"HTS {code} is in chapter {chapter}, which is not in the knowledge base "
                          f"(chapters on file: {on_file}).")
    row, note = schedule.get(code), ""
    if row is None and len(code) == 13 and schedule.get(code[:10]) is not None:
        row = schedule.get(code[:10])
        note = f" {code} is not a statistical line on file; these are the lines of {row.htsno}."
    if row is not None:
        lines = _rated([row, *schedule.descendants(row)])
        heading = row if row.rate_row is None else None
        what = f"HTS {row.htsno}" + (f" ({_short(row.description.rstrip(':'), 80)})" if heading else "")
        return heading, lines, f"{what}: {_count(lines, chapter)}.{note}"
    lines = _rated(schedule.with_prefix(code))
    if lines:
        listed = f" is listed as {lines[0].htsno}" if len(lines) == 1 else ""
        return None, lines, f"HTS {code}{listed}: {_count(lines, chapter)}."
    nearest = next((schedule.get(code[:n]) for n in (10, 7, 4) if n < len(code) and schedule.get(code[:n])), None)
    hint = f"; the nearest heading on file is {nearest.htsno} ({_short(nearest.description.rstrip(':'), 80)})" if nearest else ""
    return None, [], f"HTS {code} is not in chapter {chapter} of the schedule on file{hint}."


def _count(lines: list[HtsRow], chapter: str) -> str:
    n = len(lines)
    shown = f" (the first {CODE_LINES} shown)" if n > CODE_LINES else ""
    return f"{n} line{'s' if n != 1 else ''} in chapter {chapter}{shown}"


def tariff_line(inp: TariffLineInput, schedule: HtsSchedule | None = None, *, today: date | None = None) -> TariffLineResult:
    """Look up lines of the US tariff schedule (HTSUS) on file by HTS number or product words, with their rates.

    Each line has its full description (the headings it sits under, then its own), the column 1 general (MFN)
    and special rates, the column 2 rate, whether the special column lists USMCA (S or S+), the chapter-99
    headings its footnotes name (e.g. 9903.88.03, Section 301 on goods of China) with their text and rate, and
    the edition the rates come from. Statistical lines without rates of their own show the rates of the line
    they belong to (``rate_from``). A 4- or 6-digit code lists the lines under it (up to 25). Product words
    search the descriptions of chapters 1-97 on file (98 and 99 only when nothing else matches); the matches are
    candidates, not a classification. The rates are those of one dated edition: ``later_changes`` lists the
    tariff actions since then (IEEPA, Section 232, Section 301, Section 122) that change what is actually paid.

    Args:
        inp: code (an HTS number) or query (product words), and limit (see :class:`TariffLineInput`).
        schedule: the schedule to read; by default the folder ``settings.hts_dir`` (``NEARSHORE_HTS_DIR``,
            default ``<corpus_dir>/official/hts``), read on first use and again when its files change.
        today: not used (the schedule is one dated edition); accepted like every tool's fixed clock.

    Returns:
        The lines found (or a message saying the code's chapter is not on file, naming the chapters that are),
        the edition and its date, the later tariff actions with their guides, and the guides that explain them.

    Raises:
        HtsScheduleError: a file of the schedule folder cannot be used (names the file). A folder that does not
            exist or holds no chapter files is not an error: the result says that no schedule is on file.
    """
    if schedule is None:
        from assistant.settings import get_settings

        try:
            schedule = schedule_for(get_settings().hts_dir)
        except NoScheduleError:
            return _nothing_on_file(inp, today)
    edition = schedule.edition
    code, query, heading, notes = inp.code, inp.query, None, []
    if query is not None and looks_like_code(query):
        code, query = normalize_code(query), None
        notes.append(f"'{inp.query}' reads as an HTS number, so it was looked up as code {code}.")
    if code is not None:
        heading, rows, message = lookup_code(schedule, code)
        shown = rows[:CODE_LINES]
    else:
        rows = shown = schedule.search(query or "", inp.limit)
        message = (f"{len(rows)} line{'s' if len(rows) != 1 else ''} best matching '{query}'." if rows else
                   f"No line of the schedule on file matches '{query}' (chapters on file: "
                   f"{', '.join(schedule.chapters)}): try other words or an HTS number.")
        if rows:
            notes.append("Lines found by words are candidates, not a classification: check the full description "
                         "and the chapter notes before using a rate.")
    lines = [build_line(schedule, r) for r in shown]
    concerned = [r.htsno for r in ([heading] if heading else []) + shown]
    later = [c for c in edition.later_changes if any(c.concerns(h) for h in concerned)] if shown else []
    return TariffLineResult(
        as_of=edition.as_of, found=bool(shown), message=message, code=code, query=query,
        chapters_on_file=schedule.chapters, heading=build_line(schedule, heading) if heading else None,
        lines=lines, total_lines=len(rows),
        edition=ScheduleEdition(name=edition.name, as_of=edition.as_of, source_url=edition.source_url),
        later_changes=later,
        assumptions=[Assumption(name="HTSUS edition", value=edition.name, unit="tariff schedule",
                                effective_from=edition.as_of, source=f"{edition.source_title}, {edition.source_url}")],
        doc_ids=_doc_ids(schedule, lines, later),
        notes=notes + _line_notes(schedule, lines),
        notices=[(f"The rates are those of the {edition.name} (as of {edition.as_of}): tariff actions since then "
                  "change what is actually paid; read later_changes.")] if shown else [],
    )


def _nothing_on_file(inp: TariffLineInput, today: date | None) -> TariffLineResult:
    what = f"HTS {inp.code}" if inp.code else f"'{inp.query}'"
    return TariffLineResult(
        as_of=calc_date(None, today), found=False, code=inp.code, query=inp.query, chapters_on_file=[], heading=None,
        lines=[], total_lines=0, edition=None, later_changes=[],
        message=f"No chapters of the US tariff schedule are on file on this server, so {what} cannot be looked up "
                "(its administrator can add the USITC HTS JSON export: see NEARSHORE_HTS_DIR).",
    )


def _doc_ids(schedule: HtsSchedule, lines: list[TariffLine], later: list[LaterChange]) -> list[str]:
    edition = schedule.edition
    ids = [g for line in lines for code in (line.htsno, *(h.heading for h in line.chapter_99))
           for g in edition.guides_for(code)]
    if edition.usmca_guide and any(line.usmca for line in lines):
        ids.append(edition.usmca_guide)
    return unique(ids + [c.doc_id for c in later])


def _line_notes(schedule: HtsSchedule, lines: list[TariffLine]) -> list[str]:
    notes = []
    if any(line.rate_from for line in lines):
        notes.append("Statistical lines show the rates of the line they belong to (rate_from).")
    headings = [h for line in lines for h in line.chapter_99]
    if headings:
        notes.append("A chapter-99 heading named in a footnote applies only to the goods and origins it describes "
                     "(9903.88 and 9903.91: Section 301 duties on goods of China); its duty is added to the line's.")
    if any(h.description is None for h in headings):
        missing = "chapter 99 is not on file" if "99" not in schedule.chapters else "some are not in chapter 99 on file"
        notes.append(f"Some chapter-99 headings are listed without their text: {missing}.")
    return notes


def tariff_line_text(result: dict[str, Any]) -> str:
    """A ``tariff_line`` result (its JSON form) as readable text for the command line."""
    out = [f"NOTICE: {n}" for n in result.get("notices") or []]
    out += [""] if out else []
    out.append(result["message"])
    heading = result.get("heading")
    prefix = ""
    if heading:
        out.append(heading["description"])
        prefix = heading["description"] + ": "
    for line in result["lines"]:
        text = line["description"]
        if prefix and text.startswith(prefix):
            text = "…: " + text[len(prefix):]
        rates = [f"general {line['general'] or '-'}", f"special {line['special'] or '-'}",
                 f"column 2 {line['other'] or '-'}"]
        if line["units"]:
            rates.append(f"units {', '.join(line['units'])}")
        out += ["", f"{line['htsno']}  {text}", "  " + " | ".join(rates)]
        if line["rate_from"]:
            out.append(f"  (rates of {line['rate_from']}: a statistical line)")
        out.append(f"  USMCA: {'yes' if line['usmca'] else 'no'} — {line['usmca_note']}")
        for h in line["chapter_99"]:
            about = f"{h['rate']} — {_short(h['description'], 110)}" if h["description"] else "(not on file)"
            out.append(f"  chapter 99: {h['heading']} [{', '.join(h['columns'])}] {about}")
    edition = result.get("edition")
    if edition:
        out += ["", f"edition: {edition['name']} (as of {edition['as_of']}), {edition['source_url']}"]
    if result.get("later_changes"):
        out += ["", "later changes (not in this edition):"]
        out += [f"  - {c['doc_id']}: {c['note']}" for c in result["later_changes"]]
    for key in ("notes", "doc_ids"):
        if result.get(key):
            out += ["", f"{key}:"] + [f"  - {item}" for item in result[key]]
    return "\n".join(out)
