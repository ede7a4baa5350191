"""``python -m assistant.evaluation.redteam.probe QUESTION``: is the index in ``NEARSHORE_INDEX_DIR`` whole?

Run by the kill-during-ingest check after each ``kill -9``, as a fresh process (so nothing is cached from before
the kill). It opens the served generation, compares its chunk list, BM25 index and vector collection with its
manifest, answers QUESTION, then runs an ordinary (incremental) ingest of ``NEARSHORE_CORPUS_DIR`` and checks the
generation served after it. Prints one JSON object; exit 0 whenever it could report (the harness judges).
"""

from __future__ import annotations

import json
import sys
import time


def _served(store) -> dict:
    manifest = store.current_manifest()
    if manifest is None:
        return {"complete": False, "why": "no CURRENT or no manifest for it"}
    snap = store.snapshot()
    vectors = snap.collection.count()
    state = {"generation": manifest.generation, "documents": len(manifest.documents),
             "chunks": manifest.chunk_count, "chunk_list": len(snap.chunks), "vectors": vectors}
    state["complete"] = len(snap.chunks) == manifest.chunk_count == vectors and manifest.chunk_count > 0
    if not state["complete"]:
        state["why"] = "chunk list, vectors and manifest disagree"
    return state


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import configure_runtime

    configure_runtime()
    from assistant.app import build

    question = (argv or sys.argv[1:] or ["What is IMMEX?"])[0]
    out: dict = {}
    c = build()
    # each step on its own: a failing answer must not hide whether the index and the next ingest are whole
    for step in ("before", "answer", "ingest", "after"):
        try:
            if step in ("before", "after"):
                out[step] = _served(c.store)
            elif step == "answer":
                began = time.perf_counter()
                result = c.assistant.ask(question)
                out["answer"] = {"citations": len(result.citations), "abstained": result.abstained,
                                 "ms": round((time.perf_counter() - began) * 1000), "text": result.answer[:200]}
            else:
                report = c.store.ingest(c.settings.corpus_dir)
                out["ingest"] = {"summary": report.summary(), "repaired": report.repaired}
        except Exception as exc:  # noqa: BLE001 - reported to the harness, which counts it as a failed cycle
            out.setdefault("errors", []).append(f"{step}: {type(exc).__name__}: {exc}")
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
