"""Grounded generation with a chat model (LangChain fake models stand in for a hosted LLM)."""

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.answer.pipeline import Assistant


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
