"""Grounded generation with a chat model (LangChain fake models stand in for a hosted LLM)."""

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answer.coverage import ABSTAIN_EN
from assistant.answer.llm import check_figures
from assistant.answer.pipeline import Assistant
from assistant.models import Chunk, Passage


class RecordingFake(FakeMessagesListChatModel):
    """Replays canned replies and remembers every prompt it was sent."""

    seen: list = []

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(messages)
        return super()._generate(messages, stop, run_manager, **kwargs)

    def bind_tools(self, tools, **kwargs):
        return self


def llm_assistant(fixture_assistant, replies):
    model = RecordingFake(responses=replies)
    model.seen = []
    return Assistant(fixture_assistant.searcher, model, k=3, min_support=fixture_assistant.min_support), model


def test_valid_citations_are_kept_and_invalid_markers_are_removed(fixture_assistant):
    assistant, model = llm_assistant(fixture_assistant, [AIMessage("The MPF minimum for FY2026 is $33.58 [1] [7].")])
    result = assistant.ask("What is the MPF minimum in fiscal 2026?")
    assert result.answer == "The MPF minimum for FY2026 is $33.58 [1]."
    assert [c.n for c in result.citations] == [1]
    assert result.citations[0].doc_id == result.retrieved[0].chunk.doc_id


def test_an_answer_left_without_any_valid_citation_becomes_an_abstention(fixture_assistant):
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage("The MPF minimum is $10 [9].")])
    result = assistant.ask("What is the MPF minimum in fiscal 2026?")
    assert result.abstained and result.citations == []


def test_passages_are_delimited_as_untrusted_data_in_the_prompt(fixture_assistant):
    assistant, model = llm_assistant(fixture_assistant, [AIMessage("Machinery may stay while the program is in force [1].")])
    assistant.ask("How long may machinery stay under IMMEX?")
    system, *_, user = model.seen[-1]
    assert "untrusted reference data" in system.content
    assert "<passages>" in user.content and '<passage n="1"' in user.content


def test_markers_are_renumbered_in_order_of_first_use(fixture_assistant):
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage("Machinery stays [2]. Inputs stay 18 months [1].")])
    result = assistant.ask("How long can raw materials and machinery stay under IMMEX?")
    assert result.answer == "Machinery stays [1]. Inputs stay 18 months [2]."
    assert result.citations[0].text == result.retrieved[1].chunk.text


def test_a_follow_up_is_condensed_by_the_model_before_retrieval(fixture_assistant):
    model = GenericFakeChatModel(messages=iter([AIMessage("IMMEX machinery temporary import period"),
                                                AIMessage("Machinery may stay while the program is in force [1].")]))
    assistant = Assistant(fixture_assistant.searcher, model, k=3, min_support=0.3, use_tools=False)
    result = assistant.ask("And machinery?", [{"role": "user", "content": "How long can raw materials stay under IMMEX?"},
                                               {"role": "assistant", "content": "18 months [1]."}])
    assert result.query == "IMMEX machinery temporary import period"
    assert not result.abstained


# ---------------------------------------------------------------- every figure must have a source

def make_passage(n: int, text: str, title: str = "Fixture") -> Passage:
    chunk = Chunk(id=f"c{n}", doc_id=f"doc-{n}", text=text, ordinal=0, title=title, doc_type="guide",
                  jurisdiction="MX", language="en", path=f"doc-{n}.md")
    return Passage(chunk=chunk, score=1.0 / n)


MPF_PASSAGE = make_passage(1, "In fiscal year 2026 the MPF minimum is $33.58 and the maximum is $651.50 per entry.")
IMMEX_PASSAGE = make_passage(2, "Raw materials may stay in Mexico for up to 18 months from the date of import.")


def test_a_right_figure_from_the_cited_passage_is_kept(fixture_assistant):
    reply = "In fiscal year 2026 the MPF minimum is USD 33.58 and the maximum is $651.5 per entry [1]. " \
            "The fee is 0.3464% of the customs value [1]."
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage(reply)])
    result = assistant.ask("What is the MPF minimum in fiscal 2026?")
    assert "$33.58" in result.retrieved[0].chunk.text
    assert result.answer == reply and not result.abstained
    assert [c.text for c in result.citations] == [result.retrieved[0].chunk.text]


def test_a_sentence_with_a_wrong_figure_is_removed_and_the_rest_kept(fixture_assistant):
    reply = "Raw materials may stay in Mexico for up to 36 months [1]. " \
            "Machinery may stay while the IMMEX program remains in force [2]."
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage(reply)])
    result = assistant.ask("How long can raw materials and machinery stay under IMMEX?")
    assert "18 months" in result.retrieved[0].chunk.text
    assert result.answer == "Machinery may stay while the IMMEX program remains in force [1]."
    assert [c.text for c in result.citations] == [result.retrieved[1].chunk.text]  # renumbered, [1] dropped
    assert not result.abstained


def test_an_answer_with_only_wrong_figures_becomes_an_abstention(fixture_assistant):
    reply = "Raw materials may stay for up to 36 months [1]. After 24 months they must be exported [1]."
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage(reply)])
    result = assistant.ask("How long can raw materials stay under IMMEX?")
    assert result.abstained and result.citations == []
    assert result.answer == ABSTAIN_EN


def test_a_figure_from_a_calculator_result_is_kept(fixture_assistant):
    call = {"name": "immex_vat_cashflow", "args": {"annual_temporary_imports_usd": 1000000}, "id": "call_1"}
    final = ("On USD 1,000,000 of temporary imports the import VAT is USD 160,000 a year, or USD 13,333.33 a month. "
             "Certification saves USD 99,999 a year.")
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage("", tool_calls=[call]), AIMessage(final)])
    result = assistant.ask("How much import VAT does an IMMEX company pay on USD 1,000,000 of temporary imports?")
    assert [c.name for c in result.tool_calls] == ["immex_vat_cashflow"]
    assert result.tool_calls[0].result["monthly_vat_usd"] == 13333.33
    # 1,000,000 is the argument the model passed, 160,000 and 13,333.33 the result; 99,999 is nowhere
    assert result.answer == ("On USD 1,000,000 of temporary imports the import VAT is USD 160,000 a year, "
                             "or USD 13,333.33 a month.")
    assert not result.abstained


def test_each_sentence_is_checked_against_the_passages_it_cites():
    answer = "The MPF minimum is $33.58 [2]. Raw materials may stay 18 months [2]. The maximum is $651.50 [1]."
    assert check_figures(answer, [MPF_PASSAGE, IMMEX_PASSAGE], []) == \
        "Raw materials may stay 18 months [2]. The maximum is $651.50 [1]."


def test_a_sentence_without_a_marker_is_checked_against_every_cited_passage():
    answer = "Raw materials may stay 18 months [2]. In 2026 the MPF minimum is $33.58. It is $40 at most."
    assert check_figures(answer, [MPF_PASSAGE, IMMEX_PASSAGE], []) == \
        "Raw materials may stay 18 months [2]. In 2026 the MPF minimum is $33.58."


def test_a_marker_after_the_full_stop_stays_with_its_sentence():
    answer = "The MPF minimum is $36. [1] The maximum is $651.50. [1]"
    assert check_figures(answer, [MPF_PASSAGE], []) == "The maximum is $651.50. [1]"


def test_list_numbering_does_not_count_and_a_dropped_item_goes():
    answer = "MPF in fiscal 2026:\n1. Minimum: $33.58 [1].\n2. Maximum: $999 [1].\n3. Per entry [1]."
    assert check_figures(answer, [MPF_PASSAGE], []) == "MPF in fiscal 2026:\n1. Minimum: $33.58 [1].\n3. Per entry [1]."


def test_markers_of_removed_sentences_are_dropped_and_the_rest_renumbered(fixture_assistant):
    reply = "The MPF minimum is $40 [1]. Goods originating under USMCA are exempt [2]."
    assistant, _ = llm_assistant(fixture_assistant, [AIMessage(reply)])
    result = assistant.ask("What is the MPF minimum in fiscal 2026?")
    assert result.answer == "Goods originating under USMCA are exempt [1]."
    assert [c.n for c in result.citations] == [1]
    assert result.citations[0].text == result.retrieved[1].chunk.text
