"""A sentence about one trade program does not answer a question about another (assistant.answer.programs)."""

from __future__ import annotations

from assistant.answer.programs import program_fit, programs
from assistant.text import fold


def test_the_programs_a_text_names():
    assert programs(fold("If we apply for PROSEC in the electronics sector …")) == {"prosec"}
    assert programs(fold("A shelter runs the IMMEX program of the maquiladora")) == {"immex"}  # one class
    assert programs(fold("The SE can approve a PROSEC registration together with an IMMEX program.")) == {"prosec", "immex"}
    assert programs(fold("Payroll tax ranges from 2.4% to 5%.")) == frozenset()


def test_another_programs_sentence_or_guide_is_penalised_for_a_question_naming_one():
    prosec = fold("If we apply for PROSEC, how many business days does the Secretaría de Economía take to approve it?")
    # the IMMEX guide's sentence names no program: its guide's title says which it is about
    assert program_fit(prosec, fold("Secondary sources put the SE's review at roughly 10 to 20 business days."),
                       fold("IMMEX application process Typical IMMEX timeline")) < 0
    assert program_fit(prosec, fold("The SE can approve a PROSEC registration together with an IMMEX program."),
                       fold("IMMEX application process")) == 0  # it names PROSEC too
    assert program_fit(prosec, fold("PROSEC rates are mostly from 0% to 5%."), fold("PROSEC and Regla Octava")) == 0
    # a question naming no program, or two, sets no constraint
    assert program_fit(fold("How long does approval take?"), fold("about 10 to 20 business days"), fold("IMMEX")) == 0
    assert program_fit(fold("PROSEC or IMMEX: which is faster?"), fold("10 to 20 business days"), fold("IMMEX")) == 0
