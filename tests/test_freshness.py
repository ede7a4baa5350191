"""`nearshore corpus freshness`: documents by age, rate tables ending or ended, dated statements past their date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from assistant.calculators.rates import load_rates, parse_table
from assistant.calculators.rates import RateBook
from assistant.evaluation.freshness import (
    document_ages,
    format_report,
    freshness_report,
    passed_statements,
    tables_ending,
)
from assistant.interfaces.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

DOC = """---
id: {id}
title: "{id}"
doc_type: guide
jurisdiction: US
language: {lang}
as_of: {as_of}
---
# {id}

## Facts
{body}
"""


def write(folder: Path, doc_id: str, as_of: str, body: str, lang: str = "en") -> None:
    (folder / f"{doc_id}.md").write_text(DOC.format(id=doc_id, as_of=as_of, body=body, lang=lang), encoding="utf-8")


def small_corpus(tmp_path: Path) -> Path:
    write(tmp_path, "exclusions", "2026-11-01", "USTR extended the 178 exclusions until 10 November 2026.\n"
          "The decree runs through December 31, 2027.")
    write(tmp_path, "decree", "2025-03-01", "El estímulo estuvo vigente hasta el 31 de diciembre de 2025.", lang="es")
    write(tmp_path, "timeless", "2026-06-01", "Raw materials may stay 18 months (since 2020-01-01, no end date).")
    return tmp_path


def book() -> RateBook:
    def row(value, start, end):
        return {"value": value, "effective_from": start, "effective_to": end, "source": {"title": "s", "url": "https://x.org"}}

    dated = parse_table({"table": "fee", "title": "A fee", "unit": "USD", "key": [],
                         "rows": [row(1, "2025-10-01", "2026-09-30")]})
    soon = parse_table({"table": "wage", "title": "A wage", "unit": "MXN", "key": [],
                        "rows": [row(1, "2026-01-01", "2026-12-31")]})
    open_ended = parse_table({"table": "vat", "title": "VAT", "unit": "%", "key": [], "rows": [row(16, "2010-01-01", None)]})
    return RateBook({"fee": dated, "wage": soon, "vat": open_ended})


def test_a_small_corpus_on_2027_01_15(tmp_path):
    report = freshness_report(small_corpus(tmp_path), book(), date(2027, 1, 15))
    assert [(d.doc_id, d.age_days) for d in report.documents] == [("decree", 685), ("timeless", 228), ("exclusions", 75)]
    assert [(t.table, t.days_left, t.ended) for t in report.tables] == [("fee", -107, True), ("wage", -15, True)]
    assert [(s.path, s.line, s.date.isoformat()) for s in report.statements] == [
        ("decree.md", 12, "2025-12-31"), ("exclusions.md", 12, "2026-11-10")]
    assert report.statements[1].phrase == "until 10 November 2026"
    assert report.summary() == ("Freshness on 2027-01-15: 3 documents, oldest 685 days; 2 rate table(s) ended and 0 ending "
                                "within 60 days; 2 dated statement(s) past their date.")


def test_a_small_corpus_on_2026_06_01(tmp_path):
    report = freshness_report(small_corpus(tmp_path), book(), date(2026, 6, 1))
    assert [t.table for t in report.tables] == []  # the fee ends in 121 days, the wage in 213: outside 60
    assert [s.path for s in report.statements] == ["decree.md"]  # 31 Dec 2025 has passed; 10 Nov 2026 is ahead
    assert [d.age_days for d in report.documents] == [457, 0, -153]  # a document dated after the day counts negative
    text = format_report(report)
    assert "none" in text and text.splitlines()[-1].startswith("Freshness on 2026-06-01: 3 documents")


def test_dated_phrases_in_english_and_spanish_and_iso():
    text = ("valid until 10 November 2026; ends on Nov. 3, 2025\n"
            "vence el 1 de marzo de 2026, hasta el 2026-02-01\n"
            "published on 5 May 2020 (no cue), in force from 1 January 2024")
    found = passed_statements(text, "x.md", date(2027, 1, 1))
    assert [(s.line, s.date.isoformat()) for s in found] == [(1, "2026-11-10"), (1, "2025-11-03"), (2, "2026-03-01"), (2, "2026-02-01")]


def test_document_ages_and_tables_ending_are_sorted():
    ages = document_ages([("a", "a.md", "2026-01-01"), ("b", "b.md", date(2025, 1, 1))], date(2026, 1, 1))
    assert [a.doc_id for a in ages] == ["b", "a"]
    assert [t.table for t in tables_ending(book(), date(2026, 11, 15))] == ["fee", "wage"]
    assert [t.table for t in tables_ending(book(), date(2026, 11, 15), window_days=30)] == ["fee"]


def test_the_real_corpus_and_rate_tables_on_fixed_dates():
    corpus = ROOT / "corpus"
    on_2027 = freshness_report(corpus, load_rates(), date(2027, 1, 15))
    tables = {t.table: t for t in on_2027.tables}
    assert tables["mpf"].ended and tables["minimum_wage"].ended  # FY2026 and the 2026 minimum wage are the latest on file
    assert "uma" in tables and not tables["uma"].ended  # ends 2027-01-31
    assert "cesantia_vejez" not in tables  # the official table runs to 2030 and then stays
    phrases = {(s.path, s.phrase) for s in on_2027.statements}
    assert ("us-import/section-301-exclusions-2026.md", "until 10 November 2026") in phrases
    assert len(on_2027.documents) >= 96 and on_2027.documents[0].age_days >= on_2027.documents[-1].age_days
    on_2026 = freshness_report(corpus, load_rates(), date(2026, 6, 1))
    # nothing else ends before 2026-07-31; the exchange-rate series on file stops at 25 November 2025 and says so
    assert {t.table: t.ended for t in on_2026.tables} == {"mxn_per_usd": True}
    assert not any(s.phrase == "until 10 November 2026" for s in on_2026.statements)


def test_the_command_exits_0_with_readable_text_and_json(tmp_path):
    folder = small_corpus(tmp_path)
    out = runner.invoke(app, ["corpus", "freshness", str(folder), "--as-of", "2027-01-15"])
    assert out.exit_code == 0, out.output
    assert "exclusions.md:12" in out.stdout and "until 10 November 2026" in out.stdout
    assert out.stdout.strip().splitlines()[-1].startswith("Freshness on 2027-01-15: 3 documents")
    data = json.loads(runner.invoke(app, ["corpus", "freshness", str(folder), "--as-of", "2027-01-15", "--json"]).stdout)
    assert data["as_of"] == "2027-01-15" and len(data["statements"]) == 2 and data["summary"].startswith("Freshness")
    bad = runner.invoke(app, ["corpus", "freshness", str(folder), "--as-of", "soon"])
    assert bad.exit_code == 2 and "--as-of must be a date YYYY-MM-DD" in bad.output
