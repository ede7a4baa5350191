"""Each passage's own source: of the official documents a corpus document lists in its front-matter ``sources``, the
one its section rests on — not simply the first (a shelter guide's passage on fees does not rest on the income-tax
law its first source names).

Chosen once per section, at ingest (the chunks then carry it: ``Chunk.source`` and ``Chunk.url``), in this order:

1. the front matter says so: a source may list the headings it covers, ``sections: ["How shelter fees are charged"]``
   (a heading matches any level of the section's heading path, case- and accent-insensitively);
2. the section names a source: the law it cites ("LIVA article 28-A", "Ley Aduanera article 59", by any of the
   law's names in ``data/laws.yaml``; the very article the source cites counts double), the source's title or its
   short name ("Decreto IMMEX", "(RGCE)"), or a rule, proclamation or order number its citation gives
   ("rule 7.2.3", "Proclamation 10908") — the most named wins, the first named on a tie;
3. the source whose title and citation share the most distinctive words with the section's heading;
4. the first source.

Pure: no files, no model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.legal_refs import Law, laws
from assistant.lookup import parse_lookups, source_lookups
from assistant.models import Chunk, DocMeta, Document, Source
from assistant.text import fold
from assistant.tokens import tokenize

ARTICLE_WEIGHT = 2  # the section cites the very article the source cites
HEADING_WEIGHT = 2  # added when the section's heading itself names the source
# "rule 7.2.3", "regla 4.3.1", "Proclamation 10908", "Executive Order 14257", "Article 4.5": numbers that identify
# one instrument (a bare "4.5" could be a rate; a bare year is no identifier).
_IDENTIFIER = re.compile(r"(?<![\w.])(?:(?:rules?|reglas?|articles?|art[ií]culos?|proclamations?|proclamaci[oó]n|"
                         r"executive orders?|e\.o\.|orders?|annex|anexo)\s+(?:no\.\s*)?)"
                         r"(\d+(?:\.\d+){1,3}|\d{4,5})(?![\w.])", re.IGNORECASE)
_DOTTED = re.compile(r"(?<![\w.])\d+\.\d+\.\d+(?:\.\d+)?(?![\w.])")  # "7.1.6" stands alone
_ALIAS = re.compile(r"\(([^()\d]{2,40})\)")  # "(Decreto IMMEX)", "(RGCE)", "(USMCA)"
_HEAD = re.compile(r"^(.{6,80}?)(?:,|:| — | - | \(|$)")


def _word_pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(fold(name)).replace(r"\ ", r"\s+") + r"(?![\w])")


@lru_cache(maxsize=1)
def _law_names() -> tuple[tuple[Law, tuple[re.Pattern, ...], tuple[str, ...]], ...]:
    """Each law with its long names as folded patterns and its capitalised abbreviations ("LA", "LIVA") apart."""
    out = []
    for law in laws():
        abbreviations = tuple(n for n in law.names if re.fullmatch(r"[A-Z][A-Za-z]{1,5}", n)
                              and sum(c.isupper() for c in n) >= 2)
        long_names = tuple(_word_pattern(n) for n in law.names if n not in abbreviations)
        out.append((law, long_names, abbreviations))
    return tuple(out)


def _law_of(source: Source) -> Law | None:
    """The official text on file that the source names (by its longest name found; in its title, else its
    citation: "HTSUS" + "General Note 11(c)"). The US Code is left out: "19 U.S.C." names a whole title, and the
    source's own head ("19 U.S.C. 1862") says which section."""
    for text in (source.title, source.citation or ""):
        folded = fold(text)
        best: tuple[int, Law] | None = None
        for law, patterns, abbreviations in _law_names():
            if law.structure == "usc":
                continue
            for pattern in patterns:
                found = pattern.search(folded)
                if found and (best is None or len(found.group()) > best[0]):
                    best = (len(found.group()), law)
            for abbr in abbreviations:
                if re.search(rf"(?<!\w){abbr}(?!\w)", text) and (best is None or len(abbr) > best[0]):
                    best = (len(abbr), law)
        if best:
            return best[1]
    return None


class _Marks:
    """What shows that a text names one source: patterns on the folded text, case-sensitive abbreviations, the law's
    id (for article look-ups) and the article keys the source cites."""

    def __init__(self, source: Source, document_title: str = ""):
        law = _law_of(source)
        names = {fold(m.group(1)).strip() for m in [_HEAD.match(source.title.strip())] if m}
        names |= {fold(a).strip() for a in _ALIAS.findall(source.title) if len(a.split()) <= 4}
        # a name the document's own title holds ("section 232" in a guide on Section 232) names its subject, not a source
        subject = fold(document_title)
        names = {n for n in names if len(n) >= 4 and not _word_pattern(n).search(subject)}
        found = [m.group(1) for m in _IDENTIFIER.finditer(f"{source.title} {source.citation or ''}")]
        found += _DOTTED.findall(f"{source.title} {source.citation or ''}")
        self.patterns = [_word_pattern(n) for n in sorted(names)]
        self.identifiers = [re.compile(rf"(?<![\w.]){re.escape(i)}(?![\w]|\.\d)") for i in dict.fromkeys(found)]
        self.abbreviations: tuple[str, ...] = ()
        self.law_id = law.doc_id if law else None
        if law is not None:
            _, patterns, self.abbreviations = next(entry for entry in _law_names() if entry[0] is law)
            self.patterns += list(patterns)
        self.patterns = list({p.pattern: p for p in self.patterns}.values())
        meta = DocMeta(id="source", title="source", doc_type="guide", jurisdiction="other", as_of="2000-01-01",
                       sources=[source])
        self.articles = {key for lookup in source_lookups(meta) for key in lookup.keys}

    def named(self, original: str, folded: str, cited: list[tuple[str, tuple[str, ...]]],
              heading: str = "") -> tuple[float, int]:
        """How strongly the text names the source, and where it first does: each of its names found counts 1 (3 in
        the heading), each rule or proclamation number 2, and the articles of its law the text cites 1 (2 for the
        very article the source cites). Names count once however often they recur, so a name on every line does
        not drown the one citation that says where a passage comes from."""
        first = [m.start() for p in (*self.patterns, *self.identifiers) for m in [p.search(folded)] if m]
        found_names = sum(1 + HEADING_WEIGHT * bool(p.search(heading)) for p in self.patterns if p.search(folded))
        found_ids = sum(1 for p in self.identifiers if p.search(folded))
        abbreviations = [m.start() for a in self.abbreviations for m in [re.search(rf"(?<![\w]){a}(?![\w])", original)]
                         if m]
        keys = [keys for doc_id, keys in cited if doc_id == self.law_id]
        articles = ARTICLE_WEIGHT if any(self.articles.intersection(k) for k in keys) else 1 if keys else 0
        score = found_names + len(abbreviations) + ARTICLE_WEIGHT * found_ids + articles
        return float(score), min(first + abbreviations, default=len(folded))


def _heading_parts(section: str | None) -> list[str]:
    return [fold(part).strip() for part in (section or "").split(" > ") if part.strip()]


def choose_source(sources: Sequence[Source], section: str | None, text: str, document_title: str = "") -> int | None:
    """The index in ``sources`` of the source a section rests on (``None`` when there are none): see the module
    docstring for the order of the rules. ``text`` is the section's text (all of it, not one passage of it); a
    source's short name that the ``document_title`` holds (the document's subject) does not count."""
    if not sources:
        return None
    if len(sources) == 1:
        return 0
    parts = _heading_parts(section)
    for i, source in enumerate(sources):
        if any(fold(h).strip() in parts or fold(h).strip() == " > ".join(parts) for h in source.sections):
            return i
    original = f"{section or ''}\n{text}"
    folded = fold(original)
    cited = [(lookup.doc_id, lookup.keys) for lookup in parse_lookups(original)]
    named = [(_Marks(s, document_title).named(original, folded, cited, fold(section or "")), i) for i, s in enumerate(sources)]
    (best_score, _), best = max(named, key=lambda item: (item[0][0], -item[0][1], -item[1]))
    if best_score > 0:
        return best
    return _closest_by_heading(sources, section) or 0


def _closest_by_heading(sources: Sequence[Source], section: str | None) -> int | None:
    """The source sharing the most distinctive words with the heading (words every source shares do not count; its
    title's words count twice its citation's)."""
    heading = set(tokenize(section or ""))
    titles = [set(tokenize(s.title)) for s in sources]
    words = [t | set(tokenize(s.citation or "")) for t, s in zip(titles, sources)]
    common = set.intersection(*words)
    # a word of the source's title counts twice a word of its citation
    overlaps = [len((heading & t) - common) + len((heading & w) - common) for t, w in zip(titles, words)]
    best = max(range(len(sources)), key=lambda i: (overlaps[i], -i))
    return best if overlaps[best] > 0 else None


def own_source(source: Source) -> Source:
    """A source as a passage carries it: without the headings it is mapped to."""
    return source.model_copy(update={"sections": []})


def assign_sources(doc: Document, chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with their section's own source (``Chunk.source``) and its link (``Chunk.url``); a source without
    a link leaves the passage without one rather than pointing at another source's."""
    sources = doc.meta.sources
    if not sources:
        return chunks
    texts: dict[str | None, list[str]] = {}
    for chunk in chunks:
        texts.setdefault(chunk.section, []).append(chunk.text)
    chosen = {section: choose_source(sources, section, "\n".join(parts), doc.meta.title)
              for section, parts in texts.items()}
    out = []
    for chunk in chunks:
        source = sources[chosen[chunk.section] or 0]
        out.append(chunk.model_copy(update={"source": own_source(source), "url": source.url}))
    return out
