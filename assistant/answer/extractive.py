"""The extractive composer: answers only with sentences taken from the retrieved passages (and, for look-ups of
a rate-table value, the dated table row itself), the sentence that answers first.

1. Abstain when retrieval support is weak, or say what is not covered (:mod:`assistant.answer.coverage`): a
   country, tariff line, government benefit, Mexican state or future year no retrieved passage mentions.
2. Score each showable sentence (tables read row by row) as a weighted sum of named features
   (:mod:`assistant.answer.ranking`): the question's IDF-weighted terms it covers (a Spanish question's English
   gloss for an English passage), its passage's context and rank, its closeness in meaning to the question (its
   stored sentence vector), the words naming what is asked ("fine" in "What fine …?"), and fit with the question
   (:mod:`assistant.answer.fit`): the answer type (a figure for "how much", a period for "how long", a date for
   "when", a definition for "what is", reasons for "why/should/compare") and the constraints (another year or
   another wage zone than the one asked disqualifies a sentence from leading).
3. Lead with the best sentence that agrees with every constraint (:mod:`assistant.answer.choice`); then 1–3
   supporting sentences (bulleted points for why/compare questions), each with its ``[n]``. A Spanish question
   answered from an English passage says so; an amount question no chosen sentence gives a figure for says that
   first.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any, Callable

import numpy as np

from assistant.answer import ranking
from assistant.answer.bilingual import center_by_language, other_language_where_own_falls_short
from assistant.answer.candidate import Candidate as _Candidate
from assistant.answer.candidate import F as _F
from assistant.answer.choice import choose, counted_items, same_fact_in_own_language
from assistant.answer.completion import complete, first_part, second_part
from assistant.answer.conflicts import disagreement, notice
from assistant.answer.coverage import (MISSING_EN, MISSING_ES, NO_FIGURE_EN, NO_FIGURE_ES, abstention, holds_asked_code,
                                       holds_every_word, holds_phrase, holds_rare_word, missing_entity, spelled_out,
                                       supported, unknown_acronym, unknown_name, unknown_word)
from assistant.answer.acronyms import expansion_fit
from assistant.answer.asking_cover import asking_covered, covered_beyond_places, follow_up_covered
from assistant.answer.bounds import change_fit, threshold_fit
from assistant.answer.examples import example_fit
from assistant.answer.facts import TableFact, computes_with_other_zone
from assistant.answer.foreign_rules import canadian_rule
from assistant.answer.years_asked import FUTURE_EN, FUTURE_ES, PAST_EN, PAST_ES, future_year, past_year
from assistant.answer.fit import (
    UNTIL_DATE,
    constraint_fit,
    holds_answer,
    measures,
    opening_fit,
    traits,
    type_fit,
)
from assistant.answer.meaning import add_meanings
from assistant.answer.prices import asks_price, price_unstated
from assistant.answer.question import Question, analyze, asking_text
from assistant.answer.render import citation, render
from assistant.answer.topics import conversational, references
from assistant.calculators.places import find_places
from assistant.index.lexical import tokenize
from assistant.index.sentence_table import ChunkSentences, SentenceTable
from assistant.lookup import cited_laws, named_law
from assistant.models import Chunk, Citation, Passage
from assistant.sentences import continues, cut_off, editorial, showable
from assistant.text import fold_passage


def _entry(table: SentenceTable | None, chunk: Chunk) -> ChunkSentences:
    """A chunk's sentences and tokens: stored at ingest, or split now for an index without a sentence table."""
    return table.get(chunk) if table is not None else ChunkSentences.of(chunk)


def _other_law(law: str, chunk: Chunk, sentence: str) -> bool:
    """Whether a sentence is another law than the one the question names, or a reading of only other laws ("… (LFT,
    art. 39-A)", or a sentence of a passage citing only those, for "según la Ley Aduanera …")."""
    if chunk.authority == "official":
        return chunk.doc_id != law
    cited = cited_laws(sentence) or cited_laws(chunk.text)
    return bool(cited) and law not in cited


INHERITED = 0.5  # a sentence continuing the one before, covering little of the question itself, counts this share …
OWN_COVER = 0.2  # … of the question's words that sentence holds


def _candidates(q: Question, passages: list[Passage], weight: Callable[[str], float], q_counts: Counter,
                today_year: int, lang: str, contradicting: frozenset[str] = frozenset(),
                table: SentenceTable | None = None, gloss_counts: Counter | None = None,
                synonyms: tuple = ()) -> list[_Candidate]:
    """Every showable sentence of the passages with its feature row (:mod:`assistant.answer.ranking`), all but its
    meaning (:func:`_add_meanings`). A passage in another language than the visitor's is matched against
    ``gloss_counts`` (the question's English gloss) when given. ``synonyms``: (the question's words, their
    expansion's words) pairs — a sentence with the expansion's words covers those question words in proportion."""
    q_references = references(q.folded)
    law = named_law(q.text)  # "según la Ley Aduanera …": another law's provisions, or a reading of them, do not answer

    def terms(counts: Counter) -> tuple[set[str], Counter, float]:
        return set(counts), counts, sum(weight(t) * n for t, n in counts.items()) or 1.0

    focus = _focus_tokens(q)
    own = terms(q_counts)
    other = terms(gloss_counts) if gloss_counts else own
    out: list[_Candidate] = []
    for rank, passage in enumerate(passages):
        chunk = passage.chunk
        q_tokens, counts, q_weight = own if chunk.language == lang else other

        def mass(tokens) -> float:
            return sum(weight(t) * counts[t] for t in tokens)

        groups = [g for g in synonyms if counts is q_counts and g[0] <= q_tokens]  # ("OEA" as "…Operator")

        def spelled(tokens) -> float:
            return sum(len(x & tokens) / len(x) * mass(own - tokens) for own, x in groups if not own <= tokens)

        entry = _entry(table, chunk)
        context_tokens = entry.context
        where = f"{chunk.title} {chunk.section or ''}"
        for position, (sentence, folded, tokens) in enumerate(zip(entry.texts, entry.folded, entry.tokens)):
            if chunk.authority == "official" and (editorial(sentence) or cut_off(sentence) or chunk.language != lang
                                                  or not showable(sentence)):  # (an index keeps the split it was built with)
                # "Párrafo reformado DOF 16-01-2009", "LEY DEL IMPUESTO AL VALOR AGREGADO": not the law's words; a
                # law in another language than the visitor's is quoted after the answer, whole, never mixed into it
                continue
            row = np.zeros(len(ranking.FEATURES), dtype=np.float64)
            covered = (mass(q_tokens & tokens) + (spelled(tokens) if groups else 0.0)) / q_weight
            fit, agrees, other_goods = constraint_fit(q, sentence, today_year, folded, fold_passage(where))
            if contradicting and agrees and computes_with_other_zone(sentence, contradicting):
                fit, agrees = fit - 0.6, False  # computes with another zone's (or year's) figure
            if law is not None and agrees and _other_law(law, chunk, sentence):
                fit, agrees = fit - 0.6, False
            row[_F["covered"]] = covered
            if position and covered < OWN_COVER and continues(sentence):  # ("It lasts at most three months": what
                # "it" is, the sentence before it says — "An initial training relationship …" — and the question's
                # words there count too)
                row[_F["covered"]] += INHERITED * mass((q_tokens & entry.tokens[position - 1]) - tokens) / q_weight
            row[_F["context"]] = mass((q_tokens & context_tokens) - tokens) / q_weight
            row[_F["rank_prior"]] = 1 / (1 + rank)
            row[_F["dense"]] = max(passage.dense or 0.0, 0.0)
            row[_F["constraint"]] = fit
            row[_F["answer_type"]] = (type_fit(q, sentence, where) + expansion_fit(q, sentence)
                                      + threshold_fit(q.answer_type, q.folded, sentence) + change_fit(q.folded, sentence)
                                      + opening_fit(q, chunk.section or "", position)
                                      + example_fit(q, chunk.section or "", position, folded))
            row[_F["other_language"]] = float(chunk.language != lang)
            row[_F["uploaded"]] = float(getattr(chunk, "authority", "curated") == "uploaded")
            row[_F["official"]] = float(getattr(chunk, "authority", "curated") == "official")
            row[_F["long"]] = float(len(sentence.split()) > 70)
            row[_F["references"]] = min(len(q_references & traits(sentence).references), 2) if q_references else 0
            row[_F["focus"]] = len(focus & tokens) / len(focus) if focus else 0.0
            glossed = len(q_tokens & tokens) if counts is not q_counts else 0
            out.append(_Candidate(rank, position, sentence, tokens, 0.0, covered, agrees, other_goods, glossed, row))
    return out


SAID_OVERLAP = 0.6  # share of a sentence's words already in the previous answer that makes it a repeat
SAID_PENALTY = 0.3


def _focus_tokens(q: Question) -> frozenset[str]:
    """The tokens of the words naming what is asked ("fine" in "What fine …?", a follow-up's new subject)."""
    return frozenset(tokenize(" ".join(q.focus)))


def _demote_said(candidates: list[_Candidate], said: str, focus: frozenset[str] = frozenset()) -> None:
    """A follow-up ("And if we don't have the certification?") wants what the previous answer did not say: a
    sentence most of whose words that answer already used is marked down — unless it names the subject the
    follow-up asks about ("And machinery?": the machinery sentence, though the previous answer mentioned it)."""
    said_tokens = frozenset(tokenize(said)) if said else frozenset()
    if not said_tokens:
        return
    for cand in candidates:
        if focus and focus <= cand.tokens:
            continue
        if cand.tokens and len(cand.tokens & said_tokens) / len(cand.tokens) >= SAID_OVERLAP:
            cand.features[_F["constraint"]] -= SAID_PENALTY


def _rank(candidates: list[_Candidate]) -> None:
    """Score every candidate (its features times the weights) and sort them best first."""
    if candidates:
        for cand, value in zip(candidates, ranking.score(np.stack([c.features for c in candidates]))):
            cand.score = float(value)
    candidates.sort(key=lambda c: -c.score)


NO_FIGURE_SENTENCES = 2  # shown after saying that no figure is on file
_AMOUNT = re.compile(r"\d[\d,]*\.\d{2,4}\b")  # (a rate too: "7.513%", "0.3464%")
def _consistent(cand: _Candidate, fact: TableFact) -> bool:
    """Agrees with the question and states no amount other than the fact's (not another zone's or year's)."""
    if fact.states and any(m.place.country == "MX" and m.place.state not in fact.states
                           for m in find_places(fold_passage(cand.text))):
        return False  # "Chihuahua raised its payroll tax to 4%" beside Baja California's 4.25%
    return cand.agrees and set(_AMOUNT.findall(cand.text)) <= set(fact.figures)


def _states(cand: _Candidate, fact: TableFact) -> bool:
    return bool(set(_AMOUNT.findall(cand.text)) & set(fact.figures))


STRONG_SUPPORT = 0.55  # a guide this close in meaning to the question …
COVERAGE_RELIEF = 0.05  # … lowers the share of the question's words a sentence must hold by this much


def _coverage_needed(passages: list[Passage], min_coverage: float, lang: str = "en") -> float:
    """The share of the question's weighted words the best guide sentence must hold: less when an English guide is
    close in meaning to an English question (a visitor's own words — "molds we send down for free" — for what a guide
    calls an assist). Not for Spanish: the English model finds any Spanish text close to a Spanish question."""
    guides = [p.dense for p in passages if p.dense is not None and p.chunk.language == lang == "en"
              and getattr(p.chunk, "authority", "curated") != "official"]
    return min_coverage - COVERAGE_RELIEF if guides and max(guides) >= STRONG_SUPPORT else min_coverage


def compose(question: str, passages: list[Passage], min_support: float, lang: str = "en",
            weight: Callable[[str], float] | None = None, min_coverage: float = 0.2,
            encode: Callable[[list[str]], Any] | None = None, query_vector: Any = None,
            max_sentences: int = 3, max_per_passage: int = 2, rerank: int = 6,
            analysis: Question | None = None, fact: TableFact | None = None,
            today_year: int | None = None, known: Callable[[str], bool] | None = None,
            contradicting: frozenset[str] = frozenset(),
            table: SentenceTable | None = None, gloss: str | None = None,
            gloss_vector: Any = None, said: str = "", asking_vector: Any = None,
            borrowed: tuple[str, str] | None = None, years_on_file: frozenset[int] = frozenset(),
            synonyms: tuple = ()) -> tuple[str, list[Citation], bool]:
    """Return ``(answer, citations, abstained)`` built only from the passages' own sentences (and ``fact``).

    ``question`` is the retrieval query (it may carry a follow-up's borrowed context); ``analysis`` is what the
    visitor's question asks (answer type and constraints; by default derived from ``question``). ``borrowed`` is
    (the previous question, what the follow-up adds) for a follow-up that borrows the previous question's subject.
    ``years_on_file``: the years the guides mention; ``synonyms``: ``expansion.synonym_groups(question)``.
    """
    _weight = weight or (lambda token: 1.0)
    if known is not None and synonyms:  # a word with a synonym on file is known by it ("remittances": dividends paid)
        spelled_words, index_knows = frozenset().union(*(own for own, _ in synonyms)), known
        known = lambda token: token in spelled_words or index_knows(token)  # noqa: E731
    today_year = today_year or date.today().year
    q = analysis or analyze(question)
    chatter = conversational()
    question_tokens = tokenize(question)
    content = frozenset(question_tokens) - chatter
    if not passages or not (supported(passages, min_support) or spelled_out(q, passages) or holds_asked_code(q, passages)
                            or holds_every_word(content, passages, lambda chunk: _entry(table, chunk).context)
                            or holds_rare_word(content, passages, lambda chunk: _entry(table, chunk).context, _weight,
                                               known)
                            or holds_phrase(question_tokens, chatter, passages, _weight)):
        return abstention(lang), [], True
    what = (missing_entity(q, passages) or canadian_rule(q, passages) or unknown_acronym(q, known)
            or unknown_word(question, content, known) or unknown_name(question, known))
    if what is not None:
        return (MISSING_ES if lang == "es" else MISSING_EN).format(what=what), [], True
    later = future_year(q, passages, today_year)
    if later is not None and not (fact is not None and fact.in_force_in(later)):  # a table row for that year answers
        return (FUTURE_ES if lang == "es" else FUTURE_EN).format(year=later), [], True
    earlier = past_year(q, passages, today_year, years_on_file)
    if earlier is not None and not (fact is not None and fact.in_force_in(earlier)):
        return (PAST_ES if lang == "es" else PAST_EN).format(year=earlier), [], True
    q_counts = Counter({t: n for t, n in Counter(question_tokens).items() if t not in chatter})
    gloss_counts = Counter({t: n for t, n in Counter(tokenize(gloss)).items() if t not in chatter}) if gloss else None
    if q.wants_reasons and known is not None:
        # "We make kitchen appliances in Guangdong — why Mexico?": the visitor's own context words are in no
        # document, and must not make an open question look unsupported.
        q_counts = Counter({t: n for t, n in q_counts.items() if known(t)})
        gloss_counts = Counter({t: n for t, n in (gloss_counts or {}).items() if known(t)}) or None
    if not q_counts:
        return abstention(lang), [], True
    candidates = _candidates(q, passages, _weight, q_counts, today_year, lang, contradicting, table, gloss_counts,
                             synonyms)
    _demote_said(candidates, said, _focus_tokens(q))
    # as with support: the guides (or an English official text for an English question: 19 U.S.C. § 4648)
    # must cover the question; a law's sentence sharing one word with it does not (a word-by-word gloss is loose: one
    # shared word — "better" for "mejor" — is no sign of cover, unless the question has one: "¿Qué es el IMMEX?")
    guides = [c for c in candidates if (getattr(passages[c.passage_rank].chunk, "authority", "curated") != "official"
                                        or passages[c.passage_rank].chunk.language == lang == "en")
              and (gloss_counts is None or c.glossed != 1 or len(gloss_counts) == 1)]
    needed = _coverage_needed(passages, min_coverage, lang)

    def foreign(c: _Candidate) -> bool:  # a candidate in another language than the visitor's
        return passages[c.passage_rank].chunk.language != lang

    if not candidates or (max((c.covered for c in (guides or candidates)), default=0.0) < needed and not asking_covered(
            asking_text(q), guides or candidates, _weight, chatter, needed, lang, foreign)  # (context: its own words)
            and not follow_up_covered(borrowed, guides or candidates, _weight, chatter, needed, lang, foreign, known)):
        return abstention(lang), [], True
    if not covered_beyond_places(q, guides or candidates, q_counts, _weight, needed, foreign, gloss_counts, chatter):
        return abstention(lang), [], True

    if query_vector is not None:
        gloss_query = None if gloss_vector is None else np.asarray(gloss_vector, dtype=np.float32)
        # (a question with context before it is also weighed by the sentence that asks, ``asking_vector``: "Our US
        # parent owns 8% … Does CBP treat us as related parties?" is not answered by "Many Mexican plants sell to a
        # related US company.")
        asking_query = None if asking_vector is None else np.asarray(asking_vector, dtype=np.float32)
        add_meanings(candidates, passages, np.asarray(query_vector, dtype=np.float32), table, encode, lang,
                     gloss_query, rerank, asking_query)
        if lang == "es":
            center_by_language(candidates, passages)
            other_language_where_own_falls_short(candidates, passages, lang)
    _rank(candidates)
    same_fact_in_own_language(candidates)
    wants_points = q.wants_reasons
    if fact is not None:
        # The table row leads, then a passage sentence that states the same figure, then other sentences in the
        # visitor's language that bring no other amount (another year's or zone's figure would contradict it).
        # (not a law's sentence: the law is quoted after the answer, whole, and a sentence of it out of its article —
        # a pensioner's aguinaldo "no será inferior a treinta días" — would contradict the row)
        usable = [c for c in candidates if _consistent(c, fact) and passages[c.passage_rank].chunk.language == lang
                  and getattr(passages[c.passage_rank].chunk, "authority", "curated") != "official"]
        stating = sorted((c for c in usable if _states(c, fact)), key=lambda c: -c.score)[:1]
        # "¿Qué es la UMA?": what it is comes first, then its value in force
        defining = sorted((c for c in usable if q.answer_type == "definition" and c not in stating
                           and type_fit(q, c.text, "") > 0), key=lambda c: -c.score)[:1]
        rest = choose([c for c in usable if c not in stating + defining],
                      max_sentences - 1 - len(stating) - len(defining), max_per_passage) \
            if max_sentences - 1 - len(stating) - len(defining) > 0 and any(
                c not in stating + defining for c in usable) else []
        return render(defining + stating + rest, passages, lang, False, fact, fact_at=len(defining))
    limit = max(max_sentences, 4) if wants_points else max_sentences
    chosen = choose(candidates, limit, max_per_passage, q.answer_type in ("amount", "rate", "duration"),
                    lambda text: holds_answer(q, text), wants_list=q.answer_type == "list", years=q.years,
                    counts=lambda text: counted_items(q.folded, text))
    chosen = complete(q, first_part(q, second_part(q, chosen, candidates), candidates), candidates)
    # "What is the exact fee …?" and no sentence states one, or the best one says our sources hold none ("no reliable
    # market range for shelter fees was found"): say so, then what the sources do say
    no_figure = q.answer_type in ("amount", "rate") and bool(chosen) and (
        # (a price asked per kilo, per kWh: a figure in no other measure — "$2,909 per 40 ft container" — answers it)
        not any(traits(c.text).figure and (not measures(q.folded) or holds_answer(q, c.text)) for c in chosen)
        or traits(chosen[0].text).no_figure
        # (a lead with no figure, then "This knowledge base holds no reliable market range for broker fees")
        or (not traits(chosen[0].text).figure and any(traits(c.text).no_figure for c in chosen[1:2]))
        # ("the FDA establishment registration fee": a 10% surcharge stated beside it is another thing's figure)
        or price_unstated(q.folded, lang, chosen))
    if not no_figure and q.answer_type == "amount" and chosen and (said := _none_held_beside(chosen[0], candidates)):
        no_figure, chosen = True, [chosen[0], said]
    elif chosen and q.answer_type == "duration":  # ("¿Cuánto cuesta y cuánto tarda …?"; a period, or an end date, no sentence states)
        no_figure = price_unstated(q.folded, lang, chosen) if asks_price(q.folded, lang) else not any(holds_answer(q, c.text) or UNTIL_DATE.search(c.text) for c in chosen)
    if no_figure:
        chosen = chosen[:NO_FIGURE_SENTENCES]
    answer, cites, abstained = render(chosen, passages, lang, wants_points, fact)
    if no_figure:
        return f"{NO_FIGURE_ES if lang == 'es' else NO_FIGURE_EN} {answer}", cites, True
    if q.wants_figure:
        answer, cites = _name_disagreement(chosen, candidates, passages, answer, cites, lang)
    return answer, cites, abstained


def _none_held_beside(lead: _Candidate, candidates: list[_Candidate]) -> _Candidate | None:
    """For a lead stating no figure, the sentence of its own passage saying further on that we hold none, ranked
    below another thing's figure ("Broker fees are negotiated commercially" … "This knowledge base holds no reliable
    market range for broker fees"): it comes second."""
    if traits(lead.text).figure:
        return None
    return next((c for c in candidates if c.passage_rank == lead.passage_rank and c is not lead
                 and traits(c.text).no_figure and not traits(c.text).figure), None)


CONFLICT_POOL = 12  # how many of the best candidates are checked against the lead for a disagreeing figure


def _name_disagreement(chosen: list[_Candidate], candidates: list[_Candidate], passages: list[Passage], answer: str,
                       cites: list[Citation], lang: str) -> tuple[str, list[Citation]]:
    """When another document's sentence among the best candidates gives a different figure for the lead's subject
    (shown or not — a near-duplicate of the lead is never shown), the answer names both, citing the other."""
    lead = chosen[0]
    pool = [c for c in candidates[:CONFLICT_POOL] if c is not lead and c.agrees]
    found = disagreement((lead.text, lead.tokens, passages[lead.passage_rank].chunk.doc_id),
                         [(c.text, c.tokens, passages[c.passage_rank].chunk.doc_id) for c in pool])
    if found is None:
        return answer, cites
    other = pool[found.other]
    lead_chunk, other_chunk = passages[lead.passage_rank].chunk, passages[other.passage_rank].chunk
    other_n = next((c.n for c in cites if c.text == other_chunk.text), None)
    if other_n is None:
        other_n = len(cites) + 1
        cites = [*cites, citation(other_n, passages[other.passage_rank])]
    lead_n = next(c.n for c in cites if c.text == lead_chunk.text)
    return answer + "\n\n" + notice(lead_n, other_n, found, lang, lead_chunk.as_of, other_chunk.as_of), cites
