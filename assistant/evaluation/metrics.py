"""Pure metric functions: no files, no models. Inputs are ids, strings and numbers; outputs are numbers and dicts."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any, Iterable

from assistant.evaluation.qa import split_of
from assistant.legal_refs import hts_key, key_matches
from assistant.sentences import cut_off, editorial, runs_on, subsection_heading
from assistant.text import split_sentences

OFFICIAL_PREFIX, OFFICIAL_SET = "official-", "official_texts"  # tests/qa/official.jsonl: items over the laws themselves
VALUE_TOLERANCE = 0.005  # 0.5 % relative, on tool result top-level fields

# The headline metrics, their direction, and a human label (shared by the report and the quality gate).
HEADLINE: dict[str, str] = {
    "recall_at_k": "Retrieval Recall@k",
    "mrr": "Retrieval MRR",
    "ndcg_at_10": "Retrieval nDCG@10",
    "key_fact_accuracy": "Key-fact accuracy",
    "key_fact_accuracy_factual_multi_turn": "Key-fact accuracy (factual + multi-turn)",
    "key_fact_in_first_sentence": "Key fact in the first sentence",
    "must_not_include_violations": "must_not_include violations",
    "meta_or_dangling_sentences": "Answers with meta/dangling sentences",
    "non_calculator_routed": "Non-calculator items answered by a calculator",
    "citation_precision": "Citation precision",
    "abstention_precision": "Abstention precision",
    "abstention_recall": "Abstention recall",
    "abstention_f1": "Abstention F1",
    "tool_routing_accuracy": "Calculator routing accuracy",
    "tool_value_exactness": "Calculator value exactness",
    "latency_p50_ms": "Latency p50 (ms)",
    "latency_p95_ms": "Latency p95 (ms)",
}
LOWER_IS_BETTER = {"must_not_include_violations", "meta_or_dangling_sentences", "non_calculator_routed",
                   "latency_p50_ms", "latency_p95_ms"}
# Checks that describe the answer's form, not its correctness: reported and gated, but they do not fail an item.
LOOKUP_TOOLS = frozenset({"tariff_line"})  # tools that look a fact up (a tariff line), not calculators
FORM_CHECKS = ("key_fact_first_sentence", "no_meta_or_dangling", "no_calculator_call")


# ---------------------------------------------------------------------------------------------- text checks
def normalize(text: str) -> str:
    """Case-insensitive, whitespace-normalized form used by every string check."""
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip().lower()


def includes(answer: str, entry: str | list[str]) -> bool:
    """True when the answer contains the entry (a list means: any one of its strings)."""
    text = normalize(answer)
    options = entry if isinstance(entry, list) else [entry]
    return any(normalize(o) in text for o in options)


def missing_facts(answer: str, must_include: list[str | list[str]]) -> list[str | list[str]]:
    return [entry for entry in must_include if not includes(answer, entry)]


def violations(answer: str, must_not_include: list[str]) -> list[str]:
    text = normalize(answer)
    return [s for s in must_not_include if normalize(s) and normalize(s) in text]


# ---------------------------------------------------------------------------------------------- answer form
# A citation marker ("[1]", "[2, 3]") followed by the end or by a capital starts a new sentence; others are dropped.
_BOUNDARY_MARKER = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\](?=\s*(?:$|[\"“¿¡(\[]?[A-ZÁÉÍÓÚÑ0-9$€£]))")
_MARKER = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
_MARKDOWN = re.compile(r"^#{1,6}\s|\|")  # a heading, or a table row (a pipe anywhere on the line)
_LIST_ITEM = re.compile(r"^(?:[-*•]|\d+[.)])\s")
_DOC = r"(?:document|guide|section|note|page|article|chapter|overview|table)"
_DOC_ES = r"(?:documento|guía|sección|nota|apartado|página|tabla)"
_META = re.compile("|".join([
    r"\b(?:this|the present) (?:document|guide|page|note|overview|explainer|primer)\b",
    (rf"\b(?:explained|described|covered|discussed|detailed|set out|treated|summari[sz]ed) in"
     rf" (?:the|a|another|our) (?:separate |other |related )?{_DOC}\b"),
    rf"\bsee (?:also )?(?:the|our|a) (?:separate |other |related )?{_DOC}\b",
    r"\bthe (?:document|guide|note|page) (?:on|about|covering)\b",
    r"\(see [a-z0-9]+(?:-[a-z0-9]+)+\)",  # a bare doc id
    r"\b(?:the|our) [a-z0-9]+(?:-[a-z0-9]+)+ (?:document|guide)s?\b",  # "see the ocean-freight-rates document"
    r"\b(?:shown|described|explained|listed|set out) (?:below|above)\b|\bthe (?:table|list|section) (?:below|above)\b",
    r"\b(?:este|el presente) (?:documento|texto|apartado)\b|\besta (?:guía|nota|página|sección)\b",
    rf"\b(?:véase|vea|ver|consulte)(?: también)? (?:el|la|otro|otra) {_DOC_ES}\b",
    rf"\b(?:explica|describe|detalla|trata|resume)n? en (?:el|la|otro|otra) {_DOC_ES}\b",
    r"\bel documento (?:sobre|de)\b",
]), re.IGNORECASE)


def answer_sentences(answer: str) -> list[str]:
    """The answer's sentences without citation markers; a line break or a sentence-ending marker ends one."""
    out: list[str] = []
    for line in (answer or "").splitlines():
        for piece in _BOUNDARY_MARKER.sub("\n", line).split("\n"):
            out.extend(split_sentences(_MARKER.sub("", piece)))
    return out


def first_sentence_has_fact(answer: str, must_include: list[str | list[str]]) -> bool:
    """True when the answer's first sentence holds at least one ``must_include`` entry (same matching as above)."""
    sentences = answer_sentences(answer)
    return bool(sentences) and len(missing_facts(sentences[0], must_include)) < len(must_include)


_QUOTED = re.compile(r"«[^»]*»")


def meta_or_dangling(answer: str) -> list[str]:
    """The answer's faults of form, each as "kind: text": a sentence about the document itself ("This guide …",
    "… explained in the document on …", "see the section …", "Este documento …"), a sentence ending in a colon
    with no list after it, a Markdown heading or table row, a law's subsection heading on its own ("(3) Special rule
    for foreign-trade zones"), or an official text's editorial note on its reforms ("Párrafo reformado DOF
    16-01-2009"). A law quoted «…» is the law's own words ("this note", "the Secretary"), not a sentence of ours: it
    is left out."""
    found: list[str] = []
    lines = [_QUOTED.sub("«»", line).strip() for line in (answer or "").splitlines() if line.strip()]
    for n, line in enumerate(lines):
        if _MARKDOWN.search(line):
            found.append(f"markdown: {line}")
            continue
        sentences = answer_sentences(line)
        list_follows = n + 1 < len(lines) and bool(_LIST_ITEM.match(lines[n + 1]))
        for i, sentence in enumerate(sentences):
            if _META.search(sentence):
                found.append(f"meta: {sentence}")
            elif editorial(sentence):  # "Párrafo reformado DOF 16-01-2009", a decree header: not an answer
                found.append(f"editorial note: {sentence}")
            elif sentence.endswith(":") and not (list_follows and i == len(sentences) - 1):
                found.append(f"dangling colon: {sentence}")
            elif cut_off(bare := re.sub(r"\s*\[\d+\]$", "", sentence)):  # "… on the basis of [1]"
                found.append(f"cut off: {sentence}")
            elif runs_on(bare):  # "… más favorable al trabajador, y [1]"
                found.append(f"runs on: {sentence}")
            elif subsection_heading(bare):  # "(3) Special rule for foreign-trade zones [1]"
                found.append(f"heading: {sentence}")
    return found


# ---------------------------------------------------------------------------------------------- retrieval
def ranked_docs(retrieved: Iterable[str], cited: Iterable[str] = ()) -> list[str]:
    """Retrieved doc ids in rank order without repeats, then cited ids not retrieved (a citation is a hit too)."""
    out: list[str] = []
    for doc_id in list(retrieved) + list(cited):
        if doc_id not in out:
            out.append(doc_id)
    return out


def recall_at_k(ranked: list[str], expected: Iterable[str], k: int) -> float:
    """1.0 when any expected document is among the first ``k`` ranked documents (hit rate), else 0.0."""
    wanted = set(expected)
    return 1.0 if wanted & set(ranked[:k]) else 0.0


def reciprocal_rank(ranked: list[str], expected: Iterable[str]) -> float:
    wanted = set(expected)
    for rank, doc_id in enumerate(ranked, start=1):
        if doc_id in wanted:
            return 1.0 / rank
    return 0.0


def ndcg_at(ranked: list[str], expected: Iterable[str], n: int = 10) -> float:
    """Binary-relevance nDCG over the first ``n`` documents."""
    wanted = set(expected)
    if not wanted:
        return 0.0
    dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(ranked[:n]) if d in wanted)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(wanted), n)))
    return dcg / ideal


def citation_precision(cited: Iterable[str], expected: Iterable[str]) -> float | None:
    """Share of the cited documents (distinct) that are expected; None when nothing is cited."""
    docs = set(cited)
    if not docs:
        return None
    return len(docs & set(expected)) / len(docs)


# ---------------------------------------------------------------------------------------------- calculators
def values_match(result: dict[str, Any], expected: dict[str, float], tolerance: float = VALUE_TOLERANCE) -> list[str]:
    """Names of the expected fields the tool result misses or gets wrong (relative tolerance)."""
    wrong = []
    for name, want in expected.items():
        got = result.get(name)
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            wrong.append(name)
        elif want == 0:
            if abs(got) > tolerance:
                wrong.append(name)
        elif abs(got - want) / abs(want) > tolerance:
            wrong.append(name)
    return wrong


# ---------------------------------------------------------------------------------------------- aggregates
def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100)."""
    if not values:
        return None
    data = sorted(values)
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    if precision is None or recall is None or precision + recall == 0:
        f1 = 0.0 if (precision is not None and recall is not None) else None
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def check_item(item: dict, answer: str, abstained: bool, cited: list[str], retrieved: list[str],
               tool_calls: list[dict], k: int, error: str | None = None,
               cited_refs: list[list[str]] | None = None) -> dict:
    """Score one answered QA item. ``item`` is a QA item as a dict. Returns scores, checks and failure reasons.

    A check is True/False when it applies to the item and None otherwise. ``cited_refs`` are the provision keys
    each citation holds, in citation order (for ``expected_ref``: a named provision must be cited first).
    """
    reasons: list[str] = []
    scores: dict[str, float | None] = {"recall_at_k": None, "rr": None, "ndcg_at_10": None, "citation_precision": None}
    checks: dict[str, bool | None] = dict.fromkeys(
        ["retrieval", "key_facts", "must_not_include", "abstention", "tool_routing", "tool_values", "lookup_exact"]
    )
    if error:
        reasons.append(f"error: {error}")
    expected = item.get("expected_sources") or []
    if expected:
        ranked = ranked_docs(retrieved, cited)
        scores["recall_at_k"] = recall_at_k(ranked, expected, k)
        scores["rr"] = reciprocal_rank(ranked, expected)
        scores["ndcg_at_10"] = ndcg_at(ranked, expected, 10)
        scores["citation_precision"] = citation_precision(cited, expected)
        checks["retrieval"] = scores["recall_at_k"] == 1.0
        if not checks["retrieval"]:
            reasons.append(f"none of {expected} in the top {k} (got {ranked[:k]})")
    if item.get("expected_ref"):
        first = cited_refs[0] if cited_refs else []
        # (an HTS line named with its statistical suffix, "hts:8704.21.01.00", is the 8-digit line our keys name)
        wanted = item["expected_ref"]
        wanted = (hts_key(wanted[4:]) or wanted) if wanted.startswith("hts:") else wanted
        checks["lookup_exact"] = any(key_matches(wanted, held) for held in first)
        if not checks["lookup_exact"]:
            reasons.append(f"first citation does not hold {item['expected_ref']} (holds {first[:4] or 'no provision'})")
    if item.get("must_include"):
        missing = missing_facts(answer, item["must_include"])
        checks["key_facts"] = not missing
        if missing:
            reasons.append(f"answer lacks {missing}")
    if item.get("must_not_include"):
        bad = violations(answer, item["must_not_include"])
        checks["must_not_include"] = not bad
        if bad:
            reasons.append(f"answer contains forbidden {bad}")
    want_abstain = bool(item.get("expect_abstain"))
    checks["abstention"] = bool(abstained) == want_abstain
    if not checks["abstention"]:
        reasons.append("should have abstained" if want_abstain else "abstained wrongly")
    if item.get("expected_tool"):
        names = [c.get("name") for c in tool_calls]
        checks["tool_routing"] = item["expected_tool"] in names
        if not checks["tool_routing"]:
            reasons.append(f"expected tool {item['expected_tool']}, called {names or 'none'}")
    if item.get("expected_values"):
        results = [c.get("result") or {} for c in tool_calls if c.get("name") == item.get("expected_tool")] or [
            c.get("result") or {} for c in tool_calls
        ]
        wrong = values_match(results[0], item["expected_values"]) if results else list(item["expected_values"])
        checks["tool_values"] = not wrong
        if wrong:
            reasons.append(f"tool values off for {wrong}")
    flags = form_checks(item, answer, abstained, tool_calls, checks)
    passed = error is None and all(v is not False for name, v in checks.items() if name not in FORM_CHECKS)
    return {"scores": scores, "checks": checks, "passed": passed, "reasons": reasons, "flags": flags}


def form_checks(item: dict, answer: str, abstained: bool, tool_calls: list[dict], checks: dict) -> list[str]:
    """Set the FORM_CHECKS in ``checks`` (None when one does not apply); return what is wrong, for the report."""
    flags: list[str] = []
    checks["key_fact_first_sentence"] = checks["no_meta_or_dangling"] = checks["no_calculator_call"] = None
    if item.get("must_include"):
        checks["key_fact_first_sentence"] = first_sentence_has_fact(answer, item["must_include"])
    if item.get("expected_tool") or item.get("category") == "calculator":
        return flags
    calculators = [c for c in tool_calls if c.get("name") not in LOOKUP_TOOLS]
    checks["no_calculator_call"] = not calculators
    if calculators:
        flags.append(f"calculator called: {', '.join(str(c.get('name')) for c in calculators)}")
    elif not abstained:
        found = meta_or_dangling(answer)
        checks["no_meta_or_dangling"] = not found
        flags.extend(found)
    return flags


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _rate(rows: list[dict], check: str) -> tuple[float | None, int]:
    vals = [r["checks"][check] for r in rows if r["checks"].get(check) is not None]
    return (_mean([1.0 if v else 0.0 for v in vals]), len(vals))


def _count(rows: list[dict], check: str) -> tuple[int, int]:
    """(rows where the check failed, rows where it applies)."""
    vals = [r["checks"][check] for r in rows if r["checks"].get(check) is not None]
    return sum(1 for v in vals if v is False), len(vals)


def summarize_rows(rows: list[dict]) -> dict:
    """Aggregate metrics over result rows (each has category, lang, expect_abstain, abstained, scores, checks, latency_ms)."""
    retrieval_rows = [r for r in rows if r["scores"].get("recall_at_k") is not None]
    tp = sum(1 for r in rows if r["abstained"] and r["expect_abstain"])
    fp = sum(1 for r in rows if r["abstained"] and not r["expect_abstain"])
    fn = sum(1 for r in rows if not r["abstained"] and r["expect_abstain"])
    precision, recall, f1 = precision_recall_f1(tp, fp, fn)
    key_facts, n_facts = _rate(rows, "key_facts")
    routing, n_routing = _rate(rows, "tool_routing")
    values, n_values = _rate(rows, "tool_values")
    lookups, n_lookups = _rate(rows, "lookup_exact")
    cps = [r["scores"]["citation_precision"] for r in rows if r["scores"].get("citation_precision") is not None]
    lat = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    nmi = [r for r in rows if r["checks"].get("must_not_include") is not None]
    facts = [r for r in rows if r["category"] in ("factual", "multi_turn")]
    return {
        "items": len(rows),
        "passed": sum(1 for r in rows if r["passed"]),
        "errors": sum(1 for r in rows if r.get("error")),
        "recall_at_k": _mean([r["scores"]["recall_at_k"] for r in retrieval_rows]),
        "mrr": _mean([r["scores"]["rr"] for r in retrieval_rows]),
        "ndcg_at_10": _mean([r["scores"]["ndcg_at_10"] for r in retrieval_rows]),
        "retrieval_items": len(retrieval_rows),
        "key_fact_accuracy": key_facts,
        "key_fact_items": n_facts,
        "key_fact_accuracy_factual_multi_turn": _rate(facts, "key_facts")[0],
        "key_fact_in_first_sentence": _rate(facts, "key_fact_first_sentence")[0],
        "key_fact_first_sentence_items": _rate(facts, "key_fact_first_sentence")[1],
        "meta_or_dangling_sentences": _count(rows, "no_meta_or_dangling")[0],
        "meta_or_dangling_items": _count(rows, "no_meta_or_dangling")[1],
        "non_calculator_routed": _count(rows, "no_calculator_call")[0],
        "non_calculator_items": _count(rows, "no_calculator_call")[1],
        "must_not_include_violations": sum(1 for r in nmi if r["checks"]["must_not_include"] is False),
        "must_not_include_items": len(nmi),
        "citation_precision": _mean(cps),
        "citation_items": len(cps),
        "abstention_precision": precision,
        "abstention_recall": recall,
        "abstention_f1": f1,
        "abstention_expected": tp + fn,
        "abstained": tp + fp,
        "abstained_wrongly": fp,
        "tool_routing_accuracy": routing,
        "tool_routing_items": n_routing,
        "tool_value_exactness": values,
        "tool_value_items": n_values,
        "lookup_exactness": lookups,
        "lookup_items": n_lookups,
        "latency_p50_ms": percentile(lat, 50),
        "latency_p95_ms": percentile(lat, 95),
    }


def summarize(rows: list[dict]) -> dict:
    """Overall metrics; the same for the held-out and dev parts, by category and by language; failing and flagged items.

    A row's part is its ``split`` field, or ``split_of(id)`` when it has none.
    """
    by: dict[str, dict[str, list[dict]]] = {"category": defaultdict(list), "lang": defaultdict(list),
                                            "split": {"heldout": [], "dev": []}, "set": defaultdict(list)}
    for r in rows:
        by["category"][r["category"]].append(r)
        by["lang"][r["lang"]].append(r)
        by["split"][r.get("split") or split_of(r["id"])].append(r)
        by["set"][OFFICIAL_SET if r["id"].startswith(OFFICIAL_PREFIX) else "guides"].append(r)
    return {
        "overall": summarize_rows(rows),
        "splits": {part: summarize_rows(rs) for part, rs in by["split"].items()},
        "by_category": {c: summarize_rows(rs) for c, rs in sorted(by["category"].items())},
        "by_lang": {lang: summarize_rows(rs) for lang, rs in sorted(by["lang"].items())},
        "by_set": {name: summarize_rows(rs) for name, rs in sorted(by["set"].items())},
        "set_splits": {name: {part: summarize_rows([r for r in rs if (r.get("split") or split_of(r["id"])) == part])
                              for part in ("heldout", "dev")} for name, rs in sorted(by["set"].items())},
        "failing": [
            {"id": r["id"], "category": r["category"], "lang": r["lang"], "reasons": r["reasons"]}
            for r in rows if not r["passed"]
        ],
        "flagged": [
            {"id": r["id"], "category": r["category"], "lang": r["lang"], "flags": r["flags"]}
            for r in rows if r.get("flags")
        ],
    }
