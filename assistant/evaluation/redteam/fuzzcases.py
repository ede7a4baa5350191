"""The fuzz corpus: generated, seeded HTTP requests against ``/api/*`` and the routes beside it, and how to judge them.

:func:`generate_cases` is pure (no network, no clock): the same seed and tool list give the same cases, so a
failure can be replayed. Every case names its category, the exact bytes it sends and what a correct server
answers:

``ok``        200/201 (a valid request)
``4xx``       a client error (the input is invalid; the server must say so, not crash)
``ok_or_4xx`` either (a mutation that may or may not still be valid, e.g. ``k: 1.0``)
``404`` / ``405``  an unknown API path / a wrong method
``no_leak``   a path outside ``/api/*`` (traversal attempts): anything but a 5xx, and no server file in the body

Bodies are built as raw JSON text so they can carry what ``json.dumps`` would refuse or rewrite: the literals
``1e309``, ``NaN``, ``-Infinity``, ``1e-320``, lone-surrogate escapes (``"\\ud800"``), 50,000-deep nesting.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Iterable

from assistant.evaluation.redteam.verdict import LEAK_MARKERS, _Lit, judge, raw_json  # noqa: F401 (re-exported)

CATEGORIES = ("valid", "types", "non_finite", "surrogates", "huge_lists", "nesting", "huge_strings",
              "unknown_fields", "malformed", "methods", "paths", "traversal")

BODY_CAP = 256 * 1024  # the API's body cap (assistant/interfaces/web/limits.py); 'near the cap' is relative to it

# Raw JSON literals, spliced into the text in place of their placeholder strings.
NON_FINITE = ("1e309", "-1e309", "NaN", "Infinity", "-Infinity", "1e-320", "-0.0", "4.9e-324",
              "1.7976931348623157e308", "123456789012345678901234567890", "-9223372036854775809")
SURROGATES = ("\ud800", "\udfff", "a\udc00b", "\ud83d", "IMMEX \udbff?", "\ud800\ud800", "\udc00\ud800")
WRONG_TYPES = (None, True, False, 0, -1, 1.5, "", " ", "x", [], {}, [1, 2], ["a"], {"a": 1}, "1e3", 10 ** 20, "null")
QUESTIONS = (
    "How long can raw materials stay in Mexico under IMMEX?", "What is IMMEX?",
    "What is the regional value content threshold for passenger vehicles under USMCA?",
    "¿Qué es el programa IMMEX?", "What does a shelter company do?", "What is the MPF maximum in fiscal 2026?",
    "How is VAT handled on temporary imports?", "What is the minimum wage in the border zone in 2026?",
)
VALID_FILTERS = ({"jurisdiction": ["MX"]}, {"topics": ["immex"]}, {"jurisdiction": ["MX", "US"], "topics": ["immex", "customs"]},
                 {"language": ["en"]}, {"doc_type": ["guide", "regulation"]}, {})

# A valid input for each calculator the project ships; a calculator the server lists but this table does not know
# gets {} (its fuzz cases then expect 4xx or 200).
VALID_TOOL_ARGS: dict[str, dict] = {
    "usmca_rvc": {"transaction_value": 200, "vnm": 70},
    "mexico_labor_cost": {"daily_wage_mxn": "minimum", "state": "Chihuahua", "headcount": 10},
    "transit_time": {"origin": "Shanghai", "destination": "Chicago", "mode": "ocean"},
    "immex_vat_cashflow": {"annual_temporary_imports_usd": 24_000_000, "months_to_recover": 3},
    "landed_cost_compare": {"annual_units": 100_000, "scenarios": [
        {"name": "Shenzhen", "origin": "Shenzhen", "destination": "Chicago", "mode": "ocean", "unit_price_usd": 4.2,
         "units_per_shipment": 20_000, "freight_per_shipment_usd": 3000},
        {"name": "Monterrey", "origin": "Monterrey", "destination": "Chicago", "mode": "truck", "unit_price_usd": 5.1,
         "units_per_shipment": 10_000, "freight_per_shipment_usd": 2500, "usmca_qualifying": True}]},
    "tco_compare": {"annual_units": 50_000,
                    "offshore": {"name": "Shenzhen", "origin": "Shenzhen", "destination": "Chicago", "mode": "ocean",
                                 "unit_price_usd": 4.2, "units_per_shipment": 20_000},
                    "nearshore": {"name": "Monterrey", "origin": "Monterrey", "destination": "Chicago", "mode": "truck",
                                  "unit_price_usd": 5.1, "units_per_shipment": 10_000, "usmca_qualifying": True}},
}

TRAVERSAL_TARGETS = ("etc/passwd", "etc/hostname", "proc/self/environ", "proc/self/cmdline")

@dataclass(frozen=True)
class FuzzCase:
    category: str
    method: str
    path: str  # sent exactly as written (no normalisation of '..' or '%2e')
    body: bytes | None
    content_type: str | None
    expect: str  # ok | 4xx | ok_or_4xx | 404 | 405 | no_leak
    note: str = ""

    @property
    def key(self) -> tuple:
        return self.method, self.path, self.body, self.content_type


def _nested(depth: int, leaf="x", kind: str = "list") -> bytes:
    """``depth`` levels of ``[`` (or ``{"a":``) around a leaf, as text (no Python recursion)."""
    inner = json.dumps(leaf)
    if kind == "list":
        return ("[" * depth + inner + "]" * depth).encode()
    return ('{"a":' * depth + inner + "}" * depth).encode()


# ------------------------------------------------------------------ the endpoints and their valid bodies
def _endpoints(tools: dict[str, list[str]]) -> list[tuple[str, dict, dict[str, str]]]:
    """(path, a valid body, field -> kind) for every POST endpoint; kind is str, num, int, list, obj or any."""
    ask_fields = {"question": "str", "history": "list", "k": "int", "filters": "obj"}
    feedback_fields = {"question": "str", "answer": "str", "citations": "list", "rating": "str", "comment": "str"}
    out = [
        ("/api/ask", {"question": QUESTIONS[0]}, ask_fields),
        ("/api/ask", {"question": "And machinery?", "history": [{"role": "user", "content": QUESTIONS[0]},
                                                                {"role": "assistant", "content": "18 months [1]."}],
                      "k": 5, "filters": {"jurisdiction": ["MX"], "topics": ["immex"]}}, ask_fields),
        ("/api/feedback", {"question": "What is IMMEX?", "answer": "A program [1].", "rating": "up", "comment": "ok",
                           "citations": [{"n": 1, "doc_id": "immex-program-overview", "title": "IMMEX", "text": "t"}]},
         feedback_fields),
    ]
    for name, fields in sorted(tools.items()):
        base = VALID_TOOL_ARGS.get(name, {})
        kinds = {f: "any" for f in fields}
        kinds.update({f: ("num" if isinstance(v, (int, float)) and not isinstance(v, bool) else
                          "str" if isinstance(v, str) else "list" if isinstance(v, list) else "obj" if isinstance(v, dict)
                          else "any") for f, v in base.items()})
        out.append((f"/api/tools/{name}", base, kinds))
    return out


def _json_case(category: str, path: str, body, expect: str, note: str = "") -> FuzzCase:
    data = body if isinstance(body, bytes) else raw_json(body)
    return FuzzCase(category, "POST", path, data, "application/json", expect, note)


def _valid_expect(path: str, base: dict) -> str:
    return "ok" if not path.startswith("/api/tools/") or path.rsplit("/", 1)[-1] in VALID_TOOL_ARGS else "ok_or_4xx"


def _valid(rng: random.Random, endpoints) -> Iterable[FuzzCase]:
    for path, base, _ in endpoints:
        yield _json_case("valid", path, base, _valid_expect(path, base), "as documented")
    for q in QUESTIONS:
        for k in (None, 1, 3, 20):
            for filters in VALID_FILTERS:
                body = {"question": q}
                if k:
                    body["k"] = k
                if filters:
                    body["filters"] = filters
                if rng.random() < 0.15:
                    yield _json_case("valid", "/api/ask", body, "ok")
    for rating in ("up", "down"):
        for comment in (None, "", "useful", "ñandú ✓ 漢字"):
            body = {"question": rng.choice(QUESTIONS), "answer": "An answer [1].", "rating": rating}
            if comment is not None:
                body["comment"] = comment
            yield _json_case("valid", "/api/feedback", body, "ok")


def _types(endpoints) -> Iterable[FuzzCase]:
    for path, base, kinds in endpoints:
        for top in ([], "question", 1, None, True, [base]):
            yield _json_case("types", path, top, "4xx", "top-level value is not an object")
        for field in kinds:
            for value in WRONG_TYPES:
                yield _json_case("types", path, {**base, field: value}, "ok_or_4xx", f"{field}={value!r}")
        if path == "/api/ask":
            for value in WRONG_TYPES:
                yield _json_case("types", path, {**base, "history": [{"role": value, "content": "x"}]}, "4xx", "role")
                yield _json_case("types", path, {**base, "history": [{"role": "user", "content": value}]}, "ok_or_4xx",
                                 "history content")
                yield _json_case("types", path, {**base, "history": [value]}, "ok_or_4xx", "history item")
                yield _json_case("types", path, {**base, "filters": {"jurisdiction": value}}, "ok_or_4xx", "filter value")
                yield _json_case("types", path, {**base, "filters": {"topics": [value]}}, "ok_or_4xx", "filter item")


def _non_finite(endpoints) -> Iterable[FuzzCase]:
    for path, base, kinds in endpoints:
        for field, kind in kinds.items():
            for lit in NON_FINITE:
                expect = "ok_or_4xx" if kind in ("num", "any", "int") else "4xx"
                yield _json_case("non_finite", path, {**base, field: _Lit(lit)}, expect, f"{field}={lit}")
        if path.startswith("/api/tools/") and isinstance(base.get("scenarios"), list):
            for lit in NON_FINITE:
                first = {**base["scenarios"][0], "unit_price_usd": _Lit(lit)}
                yield _json_case("non_finite", path, {**base, "scenarios": [first, *base["scenarios"][1:]]}, "ok_or_4xx",
                                 f"scenarios[0].unit_price_usd={lit}")
    for lit in NON_FINITE:
        yield _json_case("non_finite", "/api/feedback", {"question": "q", "answer": "a", "rating": "up", "citations": [
            {"n": _Lit(lit), "doc_id": "x", "title": "t", "text": "t"}]}, "ok_or_4xx", f"citation n={lit}")


def _surrogates(endpoints) -> Iterable[FuzzCase]:
    for path, base, kinds in endpoints:
        for field, kind in kinds.items():
            if kind not in ("str", "any"):
                continue
            for s in SURROGATES:
                # the app refuses lone surrogates in every string it stores or searches (a 422), but a calculator
                # field such as `state` may just reject the unknown name: any 4xx will do
                yield _json_case("surrogates", path, {**base, field: s}, "4xx", f"{field} with a lone surrogate")
    for s in SURROGATES:
        yield _json_case("surrogates", "/api/ask", {"question": "What is IMMEX?", "filters": {"topics": [s]}}, "4xx", "filter")
        yield _json_case("surrogates", "/api/ask", {"question": "What is IMMEX?", "filters": {"jurisdiction": ["MX", s]}},
                         "4xx", "filter")
        yield _json_case("surrogates", "/api/ask", {"question": "What is IMMEX?", "history": [{"role": "user", "content": s}]},
                         "4xx", "history")
        for field in ("title", "doc_id", "text", "section", "url"):
            cite = {"n": 1, "doc_id": "x", "title": "t", "text": "t", field: f"bad {s}"}
            yield _json_case("surrogates", "/api/feedback", {"question": "q", "answer": "a", "rating": "up",
                                                             "citations": [cite]}, "4xx", f"citation {field}")
        # a surrogate as an object key
        yield _json_case("surrogates", "/api/ask", {"question": "IMMEX?", "filters": {s: ["MX"]}}, "4xx", "filter key")


def _huge_lists(endpoints, rng: random.Random) -> Iterable[FuzzCase]:
    for n in (51, 999, 10_000):
        for key in ("jurisdiction", "topics", "doc_type", "language", "doc_id"):
            values = ["MX"] * n if rng.random() < 0.5 else [f"v{i}" for i in range(n)]
            yield _json_case("huge_lists", "/api/ask", {"question": "IMMEX?", "filters": {key: values}}, "4xx",
                             f"{n} {key} values")
    for n in (50,):
        yield _json_case("huge_lists", "/api/ask", {"question": "IMMEX?", "filters": {"topics": ["immex"] * n}}, "ok",
                         "50 values: the limit")
    for n in (21, 500, 5000):
        turns = [{"role": "user" if i % 2 == 0 else "assistant", "content": "IMMEX?"} for i in range(n)]
        yield _json_case("huge_lists", "/api/ask", {"question": "And machinery?", "history": turns}, "4xx", f"{n} turns")
    for n in (51, 2000):
        cites = [{"n": i, "doc_id": "x", "title": "t", "text": "t"} for i in range(n)]
        yield _json_case("huge_lists", "/api/feedback", {"question": "q", "answer": "a", "rating": "up", "citations": cites},
                         "4xx", f"{n} citations")
    for path, base, kinds in endpoints:
        if not path.startswith("/api/tools/"):
            continue
        for field in kinds:
            for n in (100, 10_000):
                yield _json_case("huge_lists", path, {**base, field: [1] * n}, "ok_or_4xx", f"{field}: {n} items")
        if isinstance(base.get("scenarios"), list):
            for n in (7, 1000, 5000):
                yield _json_case("huge_lists", path, {**base, "scenarios": [base["scenarios"][0]] * n}, "4xx",
                                 f"{n} scenarios")
    for n in (10_000, 20_000):
        yield _json_case("huge_lists", "/api/ask", {"question": "IMMEX?", "filters": {"topics": [[]] * n}}, "4xx",
                         "nested empty lists")


def _nesting(endpoints) -> Iterable[FuzzCase]:
    depths = (2, 32, 100, 1000, 5000, 20_000, 60_000)
    for path, base, kinds in endpoints:
        for depth in depths:
            yield _json_case("nesting", path, _nested(depth), "4xx", f"top-level [ x {depth}")
        for field in kinds:
            for depth in (32, 1000, 20_000):
                for kind in ("list", "obj"):
                    prefix = raw_json({**base, field: "\x00HOLE"}).decode().split('"\\u0000HOLE"')
                    body = prefix[0].encode() + _nested(depth, kind=kind) + prefix[1].encode()
                    yield _json_case("nesting", path, body, "ok_or_4xx", f"{field}: {kind} depth {depth}")


def _huge_strings(endpoints, rng: random.Random) -> Iterable[FuzzCase]:
    yield _json_case("huge_strings", "/api/ask", {"question": "x" * 2000}, "ok", "question at 2,000 characters")
    yield _json_case("huge_strings", "/api/ask", {"question": "x" * 2001}, "4xx", "question at 2,001 characters")
    yield _json_case("huge_strings", "/api/ask", {"question": "   \n\t  "}, "4xx", "blank question")
    yield _json_case("huge_strings", "/api/ask", {"question": "IMMEX?", "history": [{"role": "user", "content": "y" * 20_001}]},
                     "4xx", "a 20,001-character turn")
    yield _json_case("huge_strings", "/api/feedback", {"question": "q", "answer": "a", "rating": "up", "comment": "c" * 2001},
                     "4xx", "a 2,001-character comment")
    for target in (BODY_CAP - 1024, BODY_CAP - 64, BODY_CAP - 1, BODY_CAP, BODY_CAP + 1, BODY_CAP + 4096, 2 * BODY_CAP):
        for path, base, kinds in endpoints:
            field = next(iter(kinds))
            skeleton = raw_json({**base, field: ""})
            pad = max(0, target - len(skeleton))
            body = raw_json({**base, field: "é" * (pad // 6)})  # \u00e9 escapes: 6 bytes each on the wire
            body = body[:-1] + b" " * max(0, target - len(body)) + b"}"  # pad with whitespace to the exact size
            expect = "4xx" if len(body) > BODY_CAP or field in ("question", "answer", "history", "filters") else "ok_or_4xx"
            yield _json_case("huge_strings", path, body, expect, f"{len(body)}-byte body")
    for path, base, kinds in endpoints:
        for field, kind in kinds.items():
            if kind in ("str", "any"):
                n = rng.choice((10_000, 100_000, 200_000))
                # 10,000 characters is within some fields' caps (a feedback answer may hold 20,000): either is right
                loose = path.startswith("/api/tools") or n <= 20_000
                yield _json_case("huge_strings", path, {**base, field: "A" * n}, "ok_or_4xx" if loose else "4xx",
                                 f"{field}: {n} characters")


def _unknown_fields(endpoints, rng: random.Random) -> Iterable[FuzzCase]:
    extras = ("__proto__", "constructor", "admin", "is_admin", "system_prompt", "debug", "role", "", "é", "k ", "$where")
    for path, base, _ in endpoints:
        for extra in extras:
            expect = "4xx" if not path.startswith("/api/tools/") else "ok_or_4xx"
            yield _json_case("unknown_fields", path, {**base, extra: rng.choice((1, "x", None, True, {"a": 1}))}, expect,
                             f"extra field {extra!r}")
    for extra in extras:
        yield _json_case("unknown_fields", "/api/ask", {"question": "IMMEX?", "history": [
            {"role": "user", "content": "x", extra: "y"}]}, "4xx", "extra history field")
        yield _json_case("unknown_fields", "/api/ask", {"question": "IMMEX?", "filters": {extra or "x": ["MX"]}}, "4xx",
                         "unknown filter key")
        yield _json_case("unknown_fields", "/api/feedback", {"question": "q", "answer": "a", "rating": "up", "citations": [
            {"n": 1, "doc_id": "x", "title": "t", "text": "t", extra: "y"}]}, "ok_or_4xx", "extra citation field")


def _malformed(endpoints) -> Iterable[FuzzCase]:
    bodies = (b"", b"{", b"}", b"[", b'{"question": ', b'{"question": "IMMEX?"', b'{"question": "IMMEX?"}}',
              b'{"question": "IMMEX?"} trailing', b"\xef\xbb\xbf" + b'{"question": "IMMEX?"}', b'{"question": "\xff\xfe"}',
              b'{"question": "a\\x"}', b"{'question': 'IMMEX?'}", b'{"question": "IMMEX?", "question": 1}',
              b"null", b"\x00\x00\x00", b'{"question": "\\u0000"}', b'{"question": "IMMEX\\u0000?"}', b"  ", b"0",
              b'"\\ud800"', b'{"question": "x", }', b"[" * 3 + b"]" * 2)
    types = ("application/json", "text/plain", "application/x-www-form-urlencoded", None, "application/json; charset=latin-1")
    for path, base, _ in endpoints:
        for body in bodies:
            yield FuzzCase("malformed", "POST", path, body, "application/json", "ok_or_4xx", f"body {body[:24]!r}")
        for ctype in types[1:]:
            yield FuzzCase("malformed", "POST", path, raw_json(base), ctype, "ok_or_4xx", f"content-type {ctype}")
        yield FuzzCase("malformed", "POST", path, b"question=IMMEX", "application/x-www-form-urlencoded", "4xx", "a form")
        yield FuzzCase("malformed", "POST", path, b"--x\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nIMMEX\r\n--x--\r\n",
                       "multipart/form-data; boundary=x", "4xx", "multipart")


def _methods(tools: Iterable[str]) -> Iterable[FuzzCase]:
    post_routes = ["/api/ask", "/api/feedback", *(f"/api/tools/{n}" for n in sorted(tools))]
    for path in post_routes:
        for method in ("GET", "PUT", "DELETE", "PATCH"):
            body = b'{"question": "IMMEX?"}' if method in ("PUT", "PATCH") else None
            yield FuzzCase("methods", method, path, body, "application/json" if body else None, "405", f"{method} {path}")
    for path in ("/api/health", "/api/tools"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            yield FuzzCase("methods", method, path, b"{}", "application/json", "405", f"{method} {path}")
    for path in ("/api/health", "/api/tools"):
        yield FuzzCase("methods", "GET", path, None, None, "ok", f"GET {path}")
    for method in ("TRACE", "PROPFIND", "FOO"):
        yield FuzzCase("methods", method, "/api/ask", None, None, "4xx", f"{method} /api/ask")


def _paths(tools: Iterable[str], rng: random.Random) -> Iterable[FuzzCase]:
    tools = sorted(tools)
    words = ("admin", "ask2", "v1", "config", "upload", "debug", "health/x", "..", "ASK", "Ask", "ask/", "tools/",
             "%00", "%ff", "ask%00", "ask;x", "ask.json", "%C3%ADndice", "%e2%80%ae", "tools/%2e%2e", "feedback/1")
    for word in words:
        for method in ("GET", "POST"):
            body = b'{"question": "IMMEX?"}' if method == "POST" else None
            # /api/ask/ and /api/tools/ are trailing-slash variants: FastAPI may redirect (307) — a 3xx in JSON is fine
            expect = "4xx"
            yield FuzzCase("paths", method, f"/api/{word}", body, "application/json" if body else None, expect,
                           f"unknown path /api/{word}")
    for name in tools + ["nope", "usmca_rvc2", "USMCA_RVC", "%2e%2e", "a" * 300, "__init__", "run_tool"]:
        for suffix in ("/x", "/..", "/%2F", "/../ask"):
            yield FuzzCase("paths", "POST", f"/api/tools/{name}{suffix}", b"{}", "application/json", "4xx",
                           f"/api/tools/{name}{suffix}")
        if name not in tools:
            yield FuzzCase("paths", "POST", f"/api/tools/{name}", b"{}", "application/json", "404", f"unknown tool {name}")
    for _ in range(40):
        word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-_") for _ in range(rng.randint(1, 40)))
        yield FuzzCase("paths", rng.choice(("GET", "POST")), f"/api/{word}", None, None, "4xx", "random path")


def _traversal() -> Iterable[FuzzCase]:
    dots = ("../", "..%2f", "%2e%2e/", "%2e%2e%2f", "..%5c", "....//", "%252e%252e/", "..;/", "%c0%ae%c0%ae/")
    for target in TRAVERSAL_TARGETS:
        for dot in dots:
            up = dot * 8
            for prefix in ("/api/", "/api/tools/", "/gradio_api/file=", "/file=", "/static/", "/assets/",
                           "/gradio_api/", "/"):
                path = f"{prefix}{up}{target}"
                expect = "no_leak"
                yield FuzzCase("traversal", "GET", path, None, None, expect, "traversal")
        for prefix in ("/gradio_api/file=/", "/file=/", "/gradio_api/file=//", "/api//", "/gradio_api/file=%2f"):
            yield FuzzCase("traversal", "GET", f"{prefix}{target}", None, None, "no_leak", "absolute path")
        yield FuzzCase("traversal", "POST", f"/api/tools/..%2f..%2f{target.replace('/', '%2f')}", b"{}",
                       "application/json", "4xx", "encoded traversal in a tool name")


def generate_cases(seed: int = 0, tools: dict[str, list[str]] | Iterable[str] | None = None, n: int = 1200) -> list[FuzzCase]:
    """``n`` distinct fuzz cases (fewer only if the generators run dry), every category represented, in a seeded
    order. ``tools``: calculator name -> its input field names (a plain list of names is fine; None = the registry's)."""
    if tools is None:
        from assistant.registry import REGISTRY

        tools = {name: list(spec.input_model.model_json_schema().get("properties", {})) for name, spec in REGISTRY.items()}
    if not isinstance(tools, dict):
        tools = {name: list(VALID_TOOL_ARGS.get(name, {})) for name in tools}
    rng = random.Random(seed)
    endpoints = _endpoints(tools)
    pools = {
        "valid": _valid(rng, endpoints), "types": _types(endpoints), "non_finite": _non_finite(endpoints),
        "surrogates": _surrogates(endpoints), "huge_lists": _huge_lists(endpoints, rng), "nesting": _nesting(endpoints),
        "huge_strings": _huge_strings(endpoints, rng), "unknown_fields": _unknown_fields(endpoints, rng),
        "malformed": _malformed(endpoints), "methods": _methods(tools), "paths": _paths(tools, rng),
        "traversal": _traversal(),
    }
    by_category: dict[str, list[FuzzCase]] = {}
    seen: set[tuple] = set()
    for category in CATEGORIES:
        unique = []
        for case in pools[category]:
            if case.key not in seen:
                seen.add(case.key)
                unique.append(case)
        rng.shuffle(unique)
        by_category[category] = unique
    picked: list[FuzzCase] = []
    while len(picked) < n and any(by_category.values()):  # round robin: every category, however small n is
        for category in CATEGORIES:
            if by_category[category] and len(picked) < n:
                picked.append(by_category[category].pop())
    rng.shuffle(picked)
    return picked
