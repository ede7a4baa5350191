"""Check 1: ``kill -9`` a rebuild at a random moment, then prove the index still serves a complete generation.

A small corpus keeps each cycle short: the document the probe question is about plus the 7 shortest other
Markdown documents of ``corpus/`` (8 in all). One clean build first measures how long a rebuild takes (T); then
each cycle starts ``nearshore ingest --rebuild -q``, waits a seeded random time in [0.15 T, 1.05 T] and sends
SIGKILL to its process group (a run that finished first still counts: it must leave a good index too). A fresh
process (:mod:`.probe`) then opens the index, checks the chunk list, BM25 and vectors against the manifest,
answers one question with citations, and runs an ordinary ingest, which must complete and serve the same
complete generation size.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.evaluation.redteam.common import CheckResult
from assistant.evaluation.redteam.workspace import CLI, ROOT, clean_env, read_manifest

PROBE_QUESTION = "How long can raw materials stay in Mexico under IMMEX?"
PROBE_DOC = "immex/immex-temporary-import-periods.md"
SUBSET_SIZE = 8


def subset_corpus(dest: Path, size: int = SUBSET_SIZE) -> list[str]:
    """The probe's document and the shortest others, copied to ``dest``; returns their paths."""
    source = ROOT / "corpus"
    others = sorted((p for p in source.rglob("*.md") if p.relative_to(source).as_posix() != PROBE_DOC),
                    key=lambda p: (p.stat().st_size, p.as_posix()))
    picked = [source / PROBE_DOC, *others[: size - 1]]
    for path in picked:
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    return [p.relative_to(source).as_posix() for p in picked]


def _generations(index: Path) -> set[str]:
    folder = index / "generations"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def run(root: Path, kills: int, seed: int, say=print) -> CheckResult:
    result = CheckResult("kill-ingest")
    home = root / "kill"
    corpus, index = home / "corpus", home / "index"
    docs = subset_corpus(corpus)
    env = clean_env(corpus_dir=corpus, index_dir=index, feedback_db=home / "feedback.sqlite3")
    rng = random.Random(seed)

    began = time.monotonic()
    first = subprocess.run([*CLI, "ingest", "-q"], cwd=home, env=env, capture_output=True, text=True, timeout=900)
    duration = time.monotonic() - began
    manifest = read_manifest(index)
    if first.returncode != 0 or manifest is None:
        result.error = f"the first build failed ({first.returncode}): {first.stderr[-800:]}"
        return result
    expected = (len(manifest["documents"]), manifest["chunk_count"])
    result.notes.append(f"{len(docs)}-document corpus ({expected[1]} chunks), rebuild takes ~{duration:.0f} s; "
                        f"kills at a seeded moment in 0.15-1.05 of that")
    mid_write = finished_first = 0
    for cycle in range(kills):
        delay = rng.uniform(0.15, 1.05) * duration
        before = _generations(index)
        proc = subprocess.Popen([*CLI, "ingest", "--rebuild", "-q"], cwd=home, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        if proc.poll() is None:
            if _generations(index) - before:
                mid_write += 1  # a new generation folder existed: the kill landed while it was being written
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            what = f"kill {cycle + 1} at {delay:.1f} s"
        else:
            finished_first += 1
            what = f"cycle {cycle + 1}: the rebuild finished before the kill at {delay:.1f} s"
        probe = subprocess.run([sys.executable, "-m", "assistant.evaluation.redteam.probe", PROBE_QUESTION], cwd=home,
                               env=env, capture_output=True, text=True, timeout=600)
        try:
            report = json.loads(probe.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            result.fail(f"{what}: the probe printed nothing (exit {probe.returncode}): {probe.stderr[-300:]}")
            continue
        problems = []
        problems += report.get("errors", [])
        for moment in ("before", "after"):
            state = report.get(moment) or {}
            if not state.get("complete"):
                problems.append(f"{moment} the follow-up ingest: {state.get('why', 'no state')}")
            elif (state["documents"], state["chunks"]) != expected:
                problems.append(f"{moment}: {state['documents']} documents / {state['chunks']} chunks served, "
                                f"expected {expected[0]} / {expected[1]}")
        if not (report.get("answer") or {}).get("citations"):
            problems.append("the question got no cited answer")
        if result.expect(not problems, f"{what}: {'; '.join(problems)}"):
            say(f"    {what}: survived ({(report.get('ingest') or {}).get('summary', '')[:60]})")
        else:
            say(f"    {what}: FAILED — {'; '.join(problems)}")
    result.notes.append(f"{mid_write} kills landed while a new generation was being written, "
                        f"{finished_first} rebuilds finished before their kill")
    result.metrics = {"documents": len(docs), "chunks": expected[1], "rebuild_s": round(duration, 1),
                      "mid_write_kills": mid_write, "finished_before_kill": finished_first}
    return result
