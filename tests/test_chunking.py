"""Chunking follows structure, keeps sentences whole and gives stable ids."""

from assistant.ingest.chunking import chunk_document
from assistant.models import DocMeta, Document, Section

META = DocMeta(id="doc", title="Doc", doc_type="regulation", jurisdiction="MX", as_of="2026-01-01")


def doc(sections):
    return Document(meta=META, path="doc.md", content_hash="x", sections=sections)


def sentence(i: int) -> str:
    return f"Sentence number {i} explains one more rule about temporary imports under the program."


def test_headings_become_the_section_path_and_are_hard_boundaries():
    chunks = chunk_document(doc([Section(heading="IMMEX > Periods", text="Raw materials stay 18 months."),
                                 Section(heading="IMMEX > Machinery", text="Machinery stays for the program's life.")]))
    assert [c.section for c in chunks] == ["IMMEX > Periods", "IMMEX > Machinery"]


def test_legal_markers_split_long_text_and_label_the_chunk():
    text = "\n".join(
        [f"Artículo {n}. " + " ".join(f"Disposición {n}.{i} sobre importaciones temporales de insumos y maquinaria." for i in range(12))
         for n in (106, 107, 108)]
    )
    chunks = chunk_document(doc([Section(heading=None, text=text, page=4)]), target_words=250)
    assert [c.section for c in chunks] == ["Artículo 106", "Artículo 107", "Artículo 108"]
    assert all(c.page == 4 for c in chunks)


def test_chunks_hold_whole_sentences_near_the_target_size_with_overlap():
    text = " ".join(sentence(i) for i in range(60))
    chunks = chunk_document(doc([Section(heading="Long", text=text)]), target_words=100, overlap_words=20)
    assert len(chunks) > 5
    for c in chunks:
        assert c.text.endswith("program.")  # never cut mid-sentence
        assert len(c.text.split()) <= 100
    # the last sentence of one chunk opens the next
    assert chunks[1].text.startswith(chunks[0].text.split(". ")[-1].rstrip("."))


def test_a_sentence_longer_than_the_target_is_kept_whole():
    long_sentence = "This " + "very " * 400 + "long sentence ends here."
    [chunk] = chunk_document(doc([Section(heading="X", text=long_sentence)]), target_words=100)
    assert chunk.text == long_sentence


def test_chunk_ids_are_deterministic_and_change_with_content():
    sections = [Section(heading="A", text=" ".join(sentence(i) for i in range(30)))]
    first = [c.id for c in chunk_document(doc(sections))]
    assert first == [c.id for c in chunk_document(doc(sections))]
    assert first[0].startswith("doc:0000:")
    changed = [Section(heading="A", text=sections[0].text.replace("number 3 ", "number three "))]
    assert [c.id for c in chunk_document(doc(changed))] != first
