"""``python -m assistant.evaluation.bench`` (``make bench``): speed figures on a corpus of at least 2,000 chunks.

Prints and writes ``bench-output/bench.json``, and appends one line per run to ``bench/history.jsonl``:
ingest throughput beside the model's raw encode rate on the same chunk texts, a no-op re-ingest, warm ask
latency p50/p95 without an LLM (with and without the calculators), the same latency for the LangChain
baseline (and the ratio), cold start to first answer (``nearshore ask`` in a subprocess), and peak RSS.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.settings import configure_runtime

ROOT = Path(__file__).resolve().parents[2]
AIMS = {"ingest_ratio": 0.9, "noop_reingest_s": 1.0, "warm_p95_ms": 40.0, "cold_start_s": 5.0, "rss_mb": 800.0,
        "ratio_p50": 1.5, "ratio_p95": 2.0, "load_answers_per_s": 40.0, "load_p95_ms": 1500.0, "health_p95_ms": 100.0}


def _say(message: str) -> None:
    print(message, flush=True)


def _chunks(docs, settings) -> int:
    from assistant.ingest.chunking import chunk_document

    return sum(len(chunk_document(d, settings.chunk_words, settings.chunk_overlap_words)) for d in docs)


def _duplicate(md: Path, target: Path, copy: int) -> None:
    """Copy a Markdown document with a changed id (and title) so it indexes as a new document."""
    text = md.read_text(encoding="utf-8")
    text = re.sub(r"^id:\s*(\S+)", lambda m: f"id: {m.group(1)}-copy{copy}", text, count=1, flags=re.MULTILINE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build_corpus(dest: Path, settings, min_chunks: int, sources: Path, all_pdfs: bool) -> dict:
    """corpus/ + PDFs from ``sources`` (smallest first, until ``min_chunks``, or all) + duplicates if still short."""
    from assistant.ingest.discover import load_corpus
    from assistant.ingest.pdf import load_pdf

    shutil.copytree(ROOT / "corpus", dest)
    chunks = _chunks(load_corpus(dest).documents, settings)
    info = {"corpus_chunks": chunks, "pdfs": [], "duplicated_docs": 0}
    if sources.is_dir():
        for pdf in sorted(sources.rglob("*.pdf"), key=lambda p: p.stat().st_size):
            if chunks >= min_chunks and not all_pdfs:
                break
            try:
                doc, _ = load_pdf(pdf, pdf.name)
            except Exception as exc:  # noqa: BLE001 - an unreadable PDF is reported and skipped
                _say(f"note: skipping {pdf.name}: {exc}")
                continue
            n = _chunks([doc], settings)
            (dest / "_pdfs").mkdir(exist_ok=True)
            shutil.copy(pdf, dest / "_pdfs" / pdf.name)
            chunks += n
            info["pdfs"].append({"file": pdf.name, "chunks": n})
    else:
        _say(f"note: {sources} is absent: benchmarking without the official PDFs")
    copy = 0
    originals = sorted((ROOT / "corpus").rglob("*.md"))
    while chunks < min_chunks:
        copy += 1
        for md in originals:
            _duplicate(md, dest / f"_copy{copy}" / md.relative_to(ROOT / "corpus"), copy)
        chunks = _chunks(load_corpus(dest).documents, settings)
        info["duplicated_docs"] += len(originals)
    info["chunks"] = chunks
    return info


def _questions(limit: int) -> tuple[list, list]:
    """(non-calculator items, calculator items) from tests/qa."""
    from assistant.evaluation.qa import load_qa

    items = load_qa([ROOT / "tests" / "qa"]).items
    calc = [i for i in items if i.category == "calculator" or i.expected_tool]
    other = [i for i in items if i not in calc]
    return other[:limit], calc


def _latency(ask, items, repeat: int = 1) -> dict:
    from assistant.evaluation.metrics import percentile

    times = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            ask(item)
            times.append((time.perf_counter() - start) * 1000)
    return {"n": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
            "mean_ms": round(sum(times) / len(times), 2)}


LOOKUP_QUESTIONS = [
    "¿Qué dice el artículo 59 de la Ley Aduanera?", "Quote LIVA article 28-A", "LFT art. 76", "19 USC 4531(c)",
    "GN 11(k)", "What is the general duty on HTS 8544.42?", "artículo 182 LISR", "LSS artículo 27",
]


def _cold_pdf_read(corpus_dir: Path) -> float:
    """Seconds to read every PDF of the corpus as a first build does: no cache folder, nothing in memory."""
    from assistant.ingest import pdf_cache

    files = [(p, str(p.relative_to(corpus_dir))) for p in sorted(corpus_dir.rglob("*.pdf"))]
    pdf_cache._memo.clear()
    start = time.perf_counter()
    pdf_cache.load_pdfs(files, None)
    return time.perf_counter() - start


def cold_start(index_dir: Path, corpus_dir: Path, question: str) -> tuple[float, float | None]:
    """Wall seconds of `nearshore ask` in a fresh process, and its peak RSS in MB (from /proc, Linux only)."""
    exe = Path(sys.executable).with_name("nearshore")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "assistant.interfaces.cli.main"]
    env = {**os.environ, "NEARSHORE_INDEX_DIR": str(index_dir), "NEARSHORE_CORPUS_DIR": str(corpus_dir)}
    env.pop("NEARSHORE_LLM", None)
    start = time.perf_counter()
    child = subprocess.Popen([*cmd, "ask", question], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_kb = 0
    while child.poll() is None:  # the child's own high-water mark (getrusage would include the pre-exec fork)
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
            peak_kb = max(peak_kb, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
        except (OSError, AttributeError):
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"`nearshore ask` failed: {child.stderr.read().strip()[-500:]}")
    return round(seconds, 2), round(peak_kb / 1024, 1) if peak_kb else None


def run(min_chunks: int = 2000, questions: int = 60, out: Path = ROOT / "bench-output",
        history: Path = ROOT / "bench" / "history.jsonl", all_pdfs: bool = False, loadtest: bool = True) -> dict:
    from assistant.app import build
    from assistant.evaluation.baseline import BaselinePipeline
    from assistant.evaluation.runner import calculators_available
    from assistant.index.sentence_table import has_sentence_vectors, rerank_text
    from assistant.index.store import embedding_text
    from assistant.sentences import passage_sentences
    from assistant.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="nearshore-bench-"))
    try:
        settings = Settings(index_dir=work / "index", corpus_dir=work / "corpus", llm=None, chroma_host=None)
        _say("building the bench corpus…")
        corpus = build_corpus(settings.corpus_dir, settings, min_chunks, ROOT.parent / "shared" / "sources", all_pdfs)
        _say(f"corpus: {corpus['chunks']} chunks ({corpus['corpus_chunks']} from corpus/, "
             f"{len(corpus['pdfs'])} PDFs, {corpus['duplicated_docs']} duplicated docs)")
        c = build(settings)
        start = time.perf_counter()
        c.embedder.load().encode(["warm-up"])  # what answers questions (numpy's forward pass by default)
        query_model_load = time.perf_counter() - start
        start = time.perf_counter()
        c.embedder.model.encode(["warm-up"])  # what indexes: sentence-transformers, loaded before the raw encode
        model_load = time.perf_counter() - start

        from assistant.ingest.chunking import chunk_document
        from assistant.ingest.discover import load_corpus

        pdf_read_s = _cold_pdf_read(settings.corpus_dir)
        chunks = [ch for d in load_corpus(settings.corpus_dir).documents
                  for ch in chunk_document(d, settings.chunk_words, settings.chunk_overlap_words)]
        corpus["official_chunks"] = sum(1 for ch in chunks if ch.authority == "official")
        texts = [embedding_text(ch) for ch in chunks]
        _say(f"raw encode of {len(texts)} chunk texts…")
        start = time.perf_counter()
        c.embedder.encode(sorted(texts, key=len))
        raw_chunk_s = time.perf_counter() - start
        raw_rate = len(texts) / raw_chunk_s
        sentences = sorted((rerank_text(s) for ch in chunks if has_sentence_vectors(ch)
                            for s in passage_sentences(ch.text)), key=len)
        _say(f"raw encode of {len(sentences)} guide sentences…")
        start = time.perf_counter()
        c.embedder.encode(sentences)
        raw_sentence_s = time.perf_counter() - start

        _say("ingest…")
        report = c.store.ingest(settings.corpus_dir)
        chunk_phase_s = report.seconds - report.sentence_seconds
        ingest_rate = report.chunks_embedded / chunk_phase_s
        # the model's own time for both kinds of vector over the ingest's whole time (reading, splitting, writing)
        ingest_ratio = (raw_chunk_s + raw_sentence_s) / report.seconds
        start = time.perf_counter()
        noop = c.store.ingest(settings.corpus_dir)
        noop_s = time.perf_counter() - start

        other, calc = _questions(questions)
        assistant = c.assistant
        ask = lambda item: assistant.ask(item.question, [t.model_dump() for t in item.history])  # noqa: E731
        assistant.use_tools = False
        # Warm means a server in its steady state: both pipelines answer the question set once, untimed, before the
        # timed pass (ours remembers what it read in each sentence; the baseline's store is in the page cache).
        _latency(ask, other)
        warm = _latency(ask, other)
        lookups = _latency(lambda q: assistant.ask(q), LOOKUP_QUESTIONS)
        unavailable = calculators_available()
        if unavailable:
            with_calc = {"note": unavailable}
        else:
            assistant.use_tools = True
            with_calc = _latency(ask, other + calc)
            with_calc["calculator_items"] = len(calc)
        _say("baseline index…")
        base = BaselinePipeline(c.embedder, work / "baseline", k=settings.k)
        base_stats = base.build(settings.corpus_dir)
        _latency(lambda item: base.ask(item.question), other)  # its untimed warm pass, as ours had
        base_warm = _latency(lambda item: base.ask(item.question), other)

        _say("cold start (`nearshore ask` in a subprocess)…")
        cold, rss_child = cold_start(settings.index_dir, settings.corpus_dir, other[0].question)
        rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load = load_workers = None
        if loadtest:
            from assistant.evaluation.loadtest import run_loadtest

            _say("load test (the app on 127.0.0.1; 1, 20 and 50 clients)…")
            load = run_loadtest(settings.index_dir, settings.corpus_dir)
            if (os.cpu_count() or 1) > 1:  # one server process per CPU (`nearshore serve --workers N`); its 20-client
                # phase warms each process as the 1- and 20-client phases warmed the single one before its 50
                _say(f"load test with --workers {os.cpu_count()} (20 and 50 clients)…")
                load_workers = run_loadtest(settings.index_dir, settings.corpus_dir, clients=(20, 50),
                                            workers=os.cpu_count())

        figures = {
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "commit": _commit(),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "corpus": corpus,
            "query_model_load_s": round(query_model_load, 2), "model_load_s": round(model_load, 2),
            "raw_encode_chunks_per_s": round(raw_rate, 1),
            "raw_encode_sentences_per_s": round(len(sentences) / raw_sentence_s, 1) if sentences else None,
            "ingest_chunks_per_s": round(ingest_rate, 1),
            "ingest_sentences_per_s": (round(report.sentences_embedded / report.sentence_seconds, 1)
                                       if report.sentences_embedded else None),
            "sentences_embedded": report.sentences_embedded,
            "ingest_ratio": round(ingest_ratio, 3),
            "ingest_s": round(report.seconds, 1),
            "pdf_read_s": round(pdf_read_s, 1),
            "first_build_s": round(pdf_read_s + report.seconds, 1),
            "chunks_embedded": report.chunks_embedded,
            "noop_reingest_s": round(noop_s, 3),
            "noop": noop.noop,
            "warm_ask_without_calculators": warm,
            "warm_ask_with_calculators": with_calc,
            "lookup_ask": lookups,
            "baseline_warm_ask": base_warm,
            "baseline_chunks": base_stats.chunks,
            "latency_ratio_ours_vs_baseline_p50": round(warm["p50_ms"] / base_warm["p50_ms"], 2),
            "latency_ratio_ours_vs_baseline_p95": round(warm["p95_ms"] / base_warm["p95_ms"], 2),
            "cold_start_to_first_answer_s": cold,
            "peak_rss_mb": round(rss_self, 1),
            "peak_rss_cold_start_mb": rss_child,
            "loadtest": load,
            "loadtest_workers": load_workers,
            "load_average_1m": round(os.getloadavg()[0], 2),
            "aims": AIMS,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    history.parent.mkdir(parents=True, exist_ok=True)
    with history.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(figures) + "\n")
    return figures


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip() or None
    except OSError:
        return None


def render(f: dict) -> str:
    aim = lambda ok: "meets aim" if ok else "misses aim"  # noqa: E731
    w, b, wc = f["warm_ask_without_calculators"], f["baseline_warm_ask"], f["warm_ask_with_calculators"]
    lines = [
        f"corpus                      {f['corpus']['chunks']} chunks ({f['corpus'].get('official_chunks', 0)} of "
        "official texts)",
        f"first build (`make run`)    {f.get('first_build_s')} s = PDFs read {f.get('pdf_read_s')} s + chunk, embed, "
        f"index {f['ingest_s']} s",
        f"raw encode rate             {f['raw_encode_chunks_per_s']} chunks/s, "
        f"{f.get('raw_encode_sentences_per_s')} sentences/s",
        f"ingest throughput           {f['ingest_chunks_per_s']} chunks/s, {f.get('ingest_sentences_per_s')} sentences/s "
        f"({f.get('sentences_embedded')} sentence vectors); the model's time is {f['ingest_ratio']:.2f} of the ingest's "
        f"(aim ≥ {AIMS['ingest_ratio']}: {aim(f['ingest_ratio'] >= AIMS['ingest_ratio'])})",
        f"no-op re-ingest             {f['noop_reingest_s']:.2f} s (aim ≤ {AIMS['noop_reingest_s']} s: "
        f"{aim(f['noop_reingest_s'] <= AIMS['noop_reingest_s'])})",
        f"warm ask, no calculators    p50 {w['p50_ms']} ms, p95 {w['p95_ms']} ms over {w['n']} questions "
        f"(aim p95 ≤ {AIMS['warm_p95_ms']} ms: {aim(w['p95_ms'] <= AIMS['warm_p95_ms'])})",
        "warm ask, with calculators  " + (f"p50 {wc['p50_ms']} ms, p95 {wc['p95_ms']} ms over {wc['n']} questions"
                                          if "p50_ms" in wc else wc["note"]),
        f"look-up of a named article  p50 {f['lookup_ask']['p50_ms']} ms, p95 {f['lookup_ask']['p95_ms']} ms over "
        f"{f['lookup_ask']['n']} questions",
        f"baseline warm ask           p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms "
        f"(ours/baseline: p50 ×{f['latency_ratio_ours_vs_baseline_p50']}, p95 ×{f['latency_ratio_ours_vs_baseline_p95']}; "
        f"aim ≤ ×{AIMS['ratio_p50']} / ×{AIMS['ratio_p95']}: "
        f"{aim(f['latency_ratio_ours_vs_baseline_p50'] <= AIMS['ratio_p50'] and f['latency_ratio_ours_vs_baseline_p95'] <= AIMS['ratio_p95'])})",
        f"cold start to first answer  {f['cold_start_to_first_answer_s']} s (aim ≤ {AIMS['cold_start_s']} s: "
        f"{aim(f['cold_start_to_first_answer_s'] <= AIMS['cold_start_s'])})",
        f"peak RSS                    {f['peak_rss_mb']} MB (bench process), {f['peak_rss_cold_start_mb']} MB (cold `ask`), "
        f"{(f.get('loadtest') or {}).get('server_peak_rss_mb')} MB (the server under load; aim ≤ {AIMS['rss_mb']} MB)",
        f"load average at the end     {f['load_average_1m']} on {f['machine']['cpus']} CPUs (other work skews every figure)",
    ]
    for phase in (f.get("loadtest") or {}).get("phases", []):
        lines.append(f"load, {phase['clients']:>2} clients           {phase['answers_per_s']} answers/s, p50 "
                     f"{phase['p50_ms']} ms, p95 {phase['p95_ms']} ms, max {phase['max_ms']} ms, {phase['errors']} errors; "
                     f"health p95 {phase['health_p95_ms']} ms")
    multi = f.get("loadtest_workers") or {}
    for phase in multi.get("phases", []):
        lines.append(f"load, {phase['clients']:>2} clients, --workers {multi.get('workers')}  {phase['answers_per_s']} answers/s, "
                     f"p50 {phase['p50_ms']} ms, p95 {phase['p95_ms']} ms, max {phase['max_ms']} ms, {phase['errors']} errors; "
                     f"health p95 {phase['health_p95_ms']} ms; {multi.get('server_peak_rss_mb')} MB over all its processes")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    configure_runtime()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-chunks", type=int, default=2000, help="Smallest corpus to benchmark on (default 2000).")
    parser.add_argument("--questions", type=int, default=60, help="Questions from tests/qa for warm latency (≥ 50).")
    parser.add_argument("--all-pdfs", action="store_true", help="Add every PDF under ../shared/sources, not just enough.")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-output")
    parser.add_argument("--history", type=Path, default=ROOT / "bench" / "history.jsonl")
    parser.add_argument("--no-loadtest", action="store_true", help="Skip the load test (about two minutes).")
    args = parser.parse_args(argv)
    figures = run(args.min_chunks, args.questions, args.out, args.history, args.all_pdfs, not args.no_loadtest)
    print("\n" + render(figures))
    print(f"\nwritten: {args.out / 'bench.json'}; history: {args.history}")


if __name__ == "__main__":
    main()
