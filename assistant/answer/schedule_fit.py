"""A line of the US tariff schedule answers a question about tariffs, classification or origin, nothing else.

"We run injection-molding lines for plastic parts. What annual tax depreciation rate applies to the molding machinery
itself?" shares "molding", "plastic" and "parts" with chapter 85's "Insulating fittings … incorporated during molding
…: 8547" and its "8547.10.40.00 60% Free … 3%" row — a tax question, not one on duties. A sentence of an HTSUS chapter
leads only a question that speaks of duties, tariffs, classification, a heading or origin. Pure.
"""

from __future__ import annotations

import re

_SCHEDULE = re.compile(r"^htsus chapter \d+\b")
# what makes a question one the schedule's lines may answer
_TARIFF_WORDS = re.compile(r"\b(?:dut(?:y|ies|iable)|tariffs?|aranc\w*|hts\w*|harmoni[sz]ed|classif\w*|clasific\w*|headings?|"
                           r"subheadings?|partidas?|subpartidas?|fracci\w+ arancelaria|chapter|capitulo|column|mfn|"
                           r"most[- ]favou?red|301|232|usmca|t-?mec|origin\w*|origen|originari\w*|rvc|vcr|import\w*|"
                           r"gsp|free trade|customs|aduan\w*|codes?|codigos?)\b")
OFF_SCHEDULE_PENALTY = 0.35


def schedule_fit(folded_question: str, folded_where: str) -> float:
    """A penalty for a tariff-schedule line (by its passage's folded title) when the question asks nothing about
    duties, classification or origin; 0 otherwise."""
    if not _SCHEDULE.match(folded_where) or _TARIFF_WORDS.search(folded_question):
        return 0.0
    return -OFF_SCHEDULE_PENALTY
