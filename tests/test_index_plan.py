"""The ingest plan on its own: no Chroma, no model, no files."""

import pytest

from assistant.index.manifest import DocEntry, IndexConfig, Manifest
from assistant.index.plan import decide, plan_ingest
from assistant.models import DocMeta, Document

CONFIG = IndexConfig(embedding_model="model@1", chunker_version="5", chunk_words=250, overlap_words=40,
                     tokenizer_version="1-abc")


def doc(doc_id: str, content_hash: str) -> Document:
    meta = DocMeta(id=doc_id, title=f"Title {doc_id}", doc_type="guide", jurisdiction="MX", as_of="2026-01-01")
    return Document(meta=meta, path=f"{doc_id}.md", content_hash=content_hash, sections=[])


def manifest(docs: dict[str, str], files: dict[str, str], **config) -> Manifest:
    entries = {d: DocEntry(path=f"{d}.md", hash=h, title=d, chunks=[f"{d}-0", f"{d}-1"]) for d, h in docs.items()}
    return Manifest(**{**CONFIG.model_dump(), **config}, generation="g1", collection="nearshore_g1",
                    chunk_count=2 * len(docs), documents=entries, files=files)


FILES = {"alpha.md": "fa", "beta.md": "fb", "gamma.md": "fc"}
OLD = manifest({"alpha": "ha", "beta": "hb", "gamma": "hc"}, FILES)


def test_same_files_and_config_is_a_noop():
    plan = plan_ingest(OLD, CONFIG, dict(FILES), [doc("alpha", "ha"), doc("beta", "hb"), doc("gamma", "hc")])
    assert plan.noop and not plan.full_rebuild and plan.documents == ()
    assert decide(OLD, CONFIG, dict(FILES)).noop


@pytest.mark.parametrize(("old", "config", "rebuild", "reason"), [
    (OLD, CONFIG, True, "--rebuild"),
    (None, CONFIG, False, "no index yet"),
    (OLD, CONFIG.model_copy(update={"chunk_words": 300, "embedding_model": "other@2"}), False,
     "embedding_model, chunk_words changed"),
    (manifest({"alpha": "ha"}, FILES, tokenizer_version=None), CONFIG, False, "tokenizer_version changed"),
])
def test_full_rebuild_reasons_embed_everything_and_copy_nothing(old, config, rebuild, reason):
    plan = plan_ingest(old, config, dict(FILES), [doc("alpha", "ha"), doc("beta", "hb")], rebuild)
    assert plan.full_rebuild and plan.reason == reason and not plan.incremental
    assert plan.ids("added") == ["alpha", "beta"] and plan.to_copy == [] and plan.removed == ()
    assert plan.old is old  # the served generation still becomes the new one's "previous"


def test_an_old_manifest_without_tokenizer_version_reads_as_a_config_change():
    raw = OLD.model_dump(mode="json")
    del raw["tokenizer_version"]
    old = Manifest.model_validate(raw)
    assert old.tokenizer_version is None and old.config_changes(CONFIG) == ["tokenizer_version"]


def test_incremental_plan_reuses_unchanged_documents_and_rechunks_the_rest():
    files = {"alpha.md": "fa", "beta.md": "fb2", "delta.md": "fd"}
    plan = plan_ingest(OLD, CONFIG, files, [doc("alpha", "ha"), doc("beta", "hb2"), doc("delta", "hd")])
    assert plan.incremental and not plan.noop and plan.reason == ""
    assert (plan.ids("unchanged"), plan.ids("changed"), plan.ids("added")) == (["alpha"], ["beta"], ["delta"])
    assert plan.removed == ("gamma",)
    assert plan.to_copy == ["alpha-0", "alpha-1"]
    assert [d.reuse for d in plan.documents] == [("alpha-0", "alpha-1"), None, None]


def test_a_document_whose_old_chunks_are_lost_is_embedded_again():
    files = {"alpha.md": "fa", "beta.md": "fb"}
    plan = plan_ingest(OLD, CONFIG, files, [doc("alpha", "ha"), doc("beta", "hb")],
                       old_chunk_ids={"alpha-0", "alpha-1", "beta-0"})
    assert plan.ids("unchanged") == ["alpha"] and plan.ids("changed") == ["beta"] and plan.removed == ("gamma",)
