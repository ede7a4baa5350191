"""A two-part question ("How much …, and when is it paid out?") gets a sentence for its second part too."""

from __future__ import annotations

from assistant.answer.completion import second_part
from assistant.answer.extractive import _Candidate
from assistant.answer.question import analyze
from assistant.index.lexical import tokenize


def candidate(text: str, score: float, rank: int = 0, position: int = 0) -> _Candidate:
    return _Candidate(rank, position, text, frozenset(tokenize(text)), score, 0.5, True)


RATE = candidate("The current PTU rate is 10% of the company's taxable profit.", 1.4)
BASE = candidate("The profit that is shared is the company's taxable income, not its accounting profit.", 1.3, position=1)
OTHER = candidate("Directors and general managers do not take part in PTU.", 1.1, position=2)
WHEN = candidate("PTU is paid by the end of May for companies, within 60 days of the annual return.", 0.9, rank=1)
UNRELATED_DATE = candidate("The reform was published on 1 May 2019.", 1.0, rank=2)


def test_the_second_part_of_a_question_gets_the_sentence_that_answers_it():
    q = analyze("How much of our profit has to be shared with employees, and when is it paid out?")
    chosen = second_part(q, [RATE, BASE, OTHER], [RATE, BASE, OTHER, WHEN, UNRELATED_DATE])
    assert chosen == [RATE, BASE, WHEN]  # the date sentence that shares the part's words, in the last place


def test_nothing_changes_when_a_chosen_sentence_already_answers_the_second_part():
    q = analyze("How much of our profit has to be shared with employees, and when is it paid out?")
    assert second_part(q, [RATE, WHEN, OTHER], [RATE, BASE, OTHER, WHEN]) == [RATE, WHEN, OTHER]


def test_one_part_questions_and_parts_that_want_no_figure_are_left_alone():
    single = analyze("How much of our profit has to be shared with employees?")
    assert second_part(single, [RATE, BASE, OTHER], [RATE, BASE, OTHER, WHEN]) == [RATE, BASE, OTHER]
    list_part = analyze("What is the PTU rate, and which workers are excluded?")
    assert second_part(list_part, [RATE, BASE, OTHER], [RATE, BASE, OTHER, WHEN]) == [RATE, BASE, OTHER]


DUE = candidate("An IMMEX company files its annual report by the last business day of May.", 1.5)
WINDOW = candidate("The SE opens the filing window on 1 April.", 1.2, position=1)
SEEN = candidate("The report covers total sales and exports of the previous year.", 1.0, position=2)
SUSPENDED = candidate("If the annual report is not filed by the deadline, the IMMEX program is suspended.", 0.8,
                      position=3)


def test_a_second_part_asking_what_happens_gets_the_sentence_saying_what_follows():
    """ "¿Para cuándo hay que presentar el reporte anual, y qué pasa si no lo mandamos?": the deadline sentences
    lead, and the one saying the program is suspended (in an English guide: found through the gloss of the
    question's subject, "reporte anual" → "annual report") takes the last place."""
    q = analyze("¿Para cuándo hay que presentar el reporte anual de la IMMEX, y qué pasa si no lo mandamos a tiempo?")
    chosen = second_part(q, [DUE, WINDOW, SEEN], [DUE, WINDOW, SEEN, SUSPENDED])
    assert chosen == [DUE, WINDOW, SUSPENDED]


def test_a_first_part_asking_a_rate_no_chosen_sentence_states_gets_the_lead():
    from assistant.answer.completion import first_part

    q = analyze("What is the corporate income tax rate in Mexico, and how long after year-end do we have to file the "
                "annual return?")
    due = candidate("The annual income-tax return is due within the 3 months after the year ends.", 1.7)
    losses = candidate("Tax losses can be carried forward for 10 years.", 1.1, position=1)
    ptu = candidate("PTU must be distributed within 60 days after the annual income tax return is due.", 1.3, rank=1)
    rate = candidate("Mexican companies pay income tax at a flat rate of 30% on their tax result.", 1.0, rank=2)
    assert first_part(q, [due, ptu, losses], [due, ptu, losses, rate]) == [rate, due, ptu]
    # nothing changes when a chosen sentence states a rate, or for a one-part question
    assert first_part(q, [rate, due], [rate, due, ptu]) == [rate, due]
    single = analyze("What is the corporate income tax rate in Mexico?")
    assert first_part(single, [due, ptu], [due, ptu, rate]) == [due, ptu]
