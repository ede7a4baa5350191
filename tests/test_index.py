"""The index: incremental ingest, rebuild triggers, crash safety and consistent snapshots."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_first_ingest_indexes_every_valid_document_and_reports_the_bad_one(fixture_corpus, make_store):
    report = make_store().ingest(fixture_corpus)
    assert report.full_rebuild and report.reason == "no index yet"
    assert sorted(report.added) == ["immex-basics", "minimum-wage", "mpf-fee", "salario-minimo-es"]
    assert any(p.path == "bad-front-matter.md" and p.severity == "error" for p in report.problems)
    assert report.chunks_total == report.chunks_embedded > 0


def test_reingest_without_changes_is_a_noop_that_embeds_nothing(fixture_corpus, make_store):
    store = make_store()
    first = store.ingest(fixture_corpus)
    again = store.ingest(fixture_corpus)
    assert again.noop and again.chunks_embedded == 0
    assert again.generation == first.generation


def test_changed_documents_are_replaced_deleted_ones_removed_and_the_rest_reused(fixture_corpus, make_store):
    store = make_store()
    store.ingest(fixture_corpus)
    edit(fixture_corpus / "mpf-fee.md", "$651.50", "$700.00")
    (fixture_corpus / "salario-minimo-es.md").unlink()
    report = store.ingest(fixture_corpus)
    assert report.changed == ["mpf-fee"] and report.removed == ["salario-minimo-es"]
    assert sorted(report.unchanged) == ["immex-basics", "minimum-wage"]
    mpf_chunks = len(store.current_manifest().documents["mpf-fee"].chunks)
    assert report.chunks_embedded == mpf_chunks
    snap = store.snapshot()
    texts = " ".join(c.text for c in snap.chunks)
    assert "$700.00" in texts and "$651.50" not in texts
    assert "salario-minimo-es" not in {c.doc_id for c in snap.chunks}
    assert snap.collection.count() == len(snap.chunks)


def test_a_different_embedding_model_or_rebuild_flag_forces_a_full_rebuild(fixture_corpus, make_store, embedder):
    from assistant.index.embeddings import Embedder, resolve_model_path

    make_store().ingest(fixture_corpus)
    same_weights_other_name = Embedder(str(resolve_model_path(embedder.model_name)))
    same_weights_other_name._model = embedder.model
    report = make_store(model=same_weights_other_name).ingest(fixture_corpus)
    assert report.full_rebuild and "embedding_model" in report.reason
    forced = make_store(model=same_weights_other_name).ingest(fixture_corpus, rebuild=True)
    assert forced.full_rebuild and forced.reason == "--rebuild" and forced.chunks_copied == 0


def test_a_changed_bm25_tokenizer_forces_a_full_rebuild(fixture_corpus, make_store, monkeypatch):
    store = make_store()
    store.ingest(fixture_corpus)
    monkeypatch.setattr("assistant.tokens.TOKENIZER_VERSION", "test-bump")
    report = store.ingest(fixture_corpus)
    assert report.full_rebuild and report.reason == "tokenizer_version changed" and report.chunks_copied == 0
    assert store.current_manifest().tokenizer_version.startswith("test-bump-")


def test_an_index_written_before_tokenizer_version_existed_is_rebuilt_not_a_crash(fixture_corpus, make_store):
    import json

    store = make_store()
    store.ingest(fixture_corpus)
    path = store.generations_dir / store.current()["generation"] / "manifest.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    del raw["tokenizer_version"]
    path.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    assert store.exists() and store.current_manifest().tokenizer_version is None
    report = store.ingest(fixture_corpus)
    assert report.full_rebuild and report.reason == "tokenizer_version changed"


def test_an_incremental_ingest_reuses_the_loaded_snapshot_instead_of_parsing_its_chunks_again(
        fixture_corpus, make_store, monkeypatch):
    import assistant.index.store as store_module

    store = make_store()
    store.ingest(fixture_corpus)
    store.snapshot()
    parsed: list[Path] = []
    real = store_module.read_chunks
    monkeypatch.setattr(store_module, "read_chunks", lambda path: parsed.append(path) or real(path))
    edit(fixture_corpus / "mpf-fee.md", "$651.50", "$700.00")
    report = store.ingest(fixture_corpus)
    assert report.changed == ["mpf-fee"] and report.chunks_copied > 0
    assert parsed == []  # the previous generation's chunks.jsonl came from the snapshot

    fresh = make_store()  # no snapshot loaded: the previous chunks.jsonl is parsed exactly once
    edit(fixture_corpus / "mpf-fee.md", "$700.00", "$710.00")
    assert fresh.ingest(fixture_corpus).changed == ["mpf-fee"]
    assert [p.parent.name for p in parsed] == [report.generation]


def test_repeated_ingests_do_not_pile_up_vector_folders_of_deleted_collections(fixture_corpus, make_store):
    store = make_store()
    chroma_dir = store.index_dir / "chroma"
    counts = []
    doc = fixture_corpus / "mpf-fee.md"
    for n in range(6):  # the first ingest, then 5 incremental ones changing one document each
        if n:
            doc.write_text(doc.read_text(encoding="utf-8") + f"\n\nRevision {n}.\n", encoding="utf-8")
        report = store.ingest(fixture_corpus)
        assert not report.noop and (report.full_rebuild or report.changed == ["mpf-fee"])
        counts.append(sum(1 for p in chroma_dir.iterdir() if p.is_dir()))
    assert max(counts[2:]) <= counts[1], counts  # served + previous generation only, not one more per ingest
    assert len(store.client.list_collections()) == 2
    assert store.snapshot().collection.count() == len(store.snapshot().chunks)


def test_an_old_snapshot_keeps_answering_consistently_while_a_new_generation_is_served(fixture_corpus, make_store):
    store = make_store()
    store.ingest(fixture_corpus)
    old = store.snapshot()
    edit(fixture_corpus / "minimum-wage.md", "MXN 315.04", "MXN 999.99")
    store.ingest(fixture_corpus)
    new = store.snapshot()
    assert new.generation != old.generation
    assert "MXN 315.04" in " ".join(c.text for c in old.chunks)  # the old view is whole...
    old_ids = set(old.collection.get()["ids"])
    assert old_ids == {c.id for c in old.chunks}  # ...and its vectors still match its chunk list
    assert "MXN 999.99" in " ".join(c.text for c in new.chunks)


def _cli(env, *args, **kw):
    return subprocess.run([sys.executable, "-m", "assistant.interfaces.cli.main", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600, **kw)


@pytest.mark.slow
def test_an_ingest_killed_mid_way_is_never_served_and_is_repaired_next_time(tmp_path, fixture_corpus):
    env = {**os.environ, "NEARSHORE_CORPUS_DIR": str(fixture_corpus), "NEARSHORE_INDEX_DIR": str(tmp_path / "index")}
    assert _cli(env, "ingest", "-q").returncode == 0
    served = (tmp_path / "index" / "CURRENT").read_text()

    # Grow the corpus so the next ingest has hundreds of chunks to embed, then kill -9 it mid-way.
    for src in sorted((ROOT / "corpus").rglob("*.md"))[:40]:
        shutil.copy(src, fixture_corpus / src.name)
    proc = subprocess.Popen([sys.executable, "-m", "assistant.interfaces.cli.main", "ingest"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: proc.stderr.read(64), "")), daemon=True)
    reader.start()
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        text = "".join(seen)
        if "Embedding chunks" in text and any(f" {n}/" in text for n in (256, 512)):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be interrupted:\n" + "".join(seen)[-500:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (tmp_path / "index" / "CURRENT").read_text() == served  # the half-built generation is not served

    answer = _cli(env, "ask", "What is the MPF minimum in fiscal year 2026?", "--json")
    assert answer.returncode == 0, answer.stderr
    assert "$33.58" in answer.stdout

    repaired = _cli(env, "ingest", "-q")
    assert repaired.returncode == 0, repaired.stderr
    assert "repaired: removed generation" in repaired.stderr
    generations = list((tmp_path / "index" / "generations").iterdir())
    assert len(generations) == 2  # the new one and the previous one; the orphan is gone


def test_a_second_concurrent_ingest_is_refused_with_a_clear_message(fixture_corpus, make_store):
    import fcntl

    from assistant.index.store import IngestBusy

    store = make_store()
    store.index_dir.mkdir(parents=True, exist_ok=True)
    with open(store.index_dir / ".ingest.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(IngestBusy, match="another ingest is running"):
            store.ingest(fixture_corpus)
