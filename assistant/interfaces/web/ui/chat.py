"""The Chat tab: streamed, cited answers, the source panel, ratings, comments and the consultant request form.

The comment box appears once an answer is rated (a comment is stored with that rating). "New conversation" clears the
chat, the source panel, any pending calculator question (it lives in the conversation) and the forms. A new question
clears the source panel too, so it never shows an older answer's source. On a phone the panel opens as a drawer over
the chat when a citation is tapped (common.CITE_JS), with a close button."""

# No ``from __future__ import annotations`` here: Gradio reads the event-data type hints (gr.LikeData, ...)
# of the handlers defined inside build_chat_tab, so they must be real objects, not strings.
from assistant.errors import AssistantError
from assistant.storage.feedback import FeedbackStore
from assistant.interfaces.web.limits import MAX_COMMENT_CHARS, MAX_QUESTION_CHARS
from assistant.interfaces.web.render import (
    PANEL_PLACEHOLDER,
    md_escape,
    open_source_html,
    partial_markdown,
    passage_sources,
    user_markdown,
)
from assistant.interfaces.web.ui.common import (
    CHAT_PLACEHOLDER,
    CITE_JS,
    EMAIL_RE,
    SOURCE_HEAD,
    EXAMPLE_QUESTIONS,
    chat_messages,
    history_from_turns,
    rating_of,
)


def build_chat_tab(gr, components, feedback: FeedbackStore) -> None:
    assistant = components.assistant
    turns = gr.State([])
    ratings = gr.State({})  # turn index -> feedback id
    last_rated = gr.State(None)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(  # no label chip: it floated over the first message
                label="Nearshore Assistant", show_label=False, elem_id="chat", height=520, layout="bubble",
                feedback_options=("Like", "Dislike"), buttons=["copy"],
                examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
                placeholder=CHAT_PLACEHOLDER,
            )
            with gr.Row():
                question = gr.Textbox(show_label=False, placeholder="Ask a question…", scale=5, lines=1,
                                      max_length=MAX_QUESTION_CHARS, elem_id="question", autofocus=True)
                ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="ask")
                new_chat = gr.Button("New conversation", variant="secondary", size="sm", scale=0, min_width=170,
                                     elem_id="new-conversation")  # on a phone it wraps below the Ask button
            with gr.Row(visible=False, elem_id="feedback-comment-row") as comment_row:
                comment = gr.Textbox(label="Comment on the answer you rated (optional)", scale=5, lines=1,
                                     max_length=MAX_COMMENT_CHARS, elem_id="feedback-comment")
                send_comment = gr.Button("Send comment", scale=1, elem_id="send-comment")
            feedback_status = gr.Markdown(elem_id="feedback-status")
            with gr.Group(visible=False, elem_id="consultant") as consultant:
                gr.Markdown("### Talk to a consultant\nWe could not answer this from our sources. Leave your details "
                            "and a consultant will get back to you.")
                with gr.Row():
                    contact_name = gr.Textbox(label="Name", max_length=120)
                    contact_email = gr.Textbox(label="Email", max_length=254)
                contact_question = gr.Textbox(label="Your question", lines=2, max_length=MAX_QUESTION_CHARS)
                contact_details = gr.Textbox(label="Anything else we should know (optional)", lines=2,
                                             max_length=MAX_COMMENT_CHARS)
                contact_send = gr.Button("Request a consultant", variant="primary")
                contact_status = gr.Markdown()
        with gr.Column(scale=2, elem_id="source-column"):  # a side panel; on a phone, a drawer (common.UI_CSS)
            gr.HTML(SOURCE_HEAD, elem_id="source-head")
            panel = gr.HTML(PANEL_PLACEHOLDER, js_on_load=CITE_JS, elem_id="source-panel")

    def respond(message: str, turns_value: list[dict]):
        text = (message or "").strip()
        if not text:
            gr.Warning("Type a question first.")
            return
        if len(text) > MAX_QUESTION_CHARS:
            gr.Warning(f"Questions are limited to {MAX_QUESTION_CHARS} characters; please shorten it.")
            return
        shown = chat_messages(turns_value)
        pending = [{"role": "user", "content": user_markdown(text)}]
        keep = gr.update()
        # the panel goes back to its placeholder at once: it must not show an older answer's source
        yield ("", shown + pending + [{"role": "assistant", "content": "…"}], turns_value, keep, keep,
               PANEL_PLACEHOLDER)
        result = None
        try:
            for item in assistant.stream(text, history_from_turns(turns_value)):
                if isinstance(item, str):
                    yield (keep, shown + pending + [{"role": "assistant", "content": partial_markdown(item)}],
                           turns_value, keep, keep, keep)
                else:
                    result = item
        except AssistantError as exc:
            yield (keep, shown + pending + [{"role": "assistant", "content": md_escape(exc.public_message())}],
                   turns_value, keep, keep, keep)
            return
        turn = {"question": text, "result": result.model_dump(mode="json"), "sources": passage_sources(result)}
        new_turns = turns_value + [turn]
        yield "", chat_messages(new_turns), new_turns, gr.update(visible=result.abstained), text, PANEL_PLACEHOLDER

    outputs = [question, chatbot, turns, consultant, contact_question, panel]
    answering = [ask.click(respond, [question, turns], outputs, api_name="chat"),
                 question.submit(respond, [question, turns], outputs, api_visibility="private")]

    def pick_example(evt: gr.SelectData) -> str:
        return evt.value["text"] if isinstance(evt.value, dict) else str(evt.value)

    def open_source(turns_value: list[dict], evt: gr.EventData) -> str:
        return open_source_html(turns_value, str(getattr(evt, "cite", "") or ""))

    answering.append(chatbot.example_select(pick_example, None, question, api_visibility="private").then(
        respond, [question, turns], outputs, api_visibility="private"))
    panel.click(open_source, [turns], [panel], api_visibility="private")

    def on_like(turns_value: list[dict], rated: dict, evt: gr.LikeData):
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        turn = int(index) // 2
        rating = rating_of(evt.liked)
        if rating is None or not 0 <= turn < len(turns_value):
            return rated, gr.update(), gr.update(), gr.update()
        data = turns_value[turn]
        rated = dict(rated)
        if turn in rated:
            feedback.set_rating(rated[turn], rating)
        else:
            rated[turn] = feedback.add(data["question"], data["result"]["answer"], data["result"]["citations"], rating)
        thumb = "👍" if rating == "up" else "👎"
        return (rated, rated[turn], f"{thumb} Thanks, your rating was saved. Add a comment below if you like.",
                gr.update(visible=True))

    def new_conversation():
        """Everything back to a fresh page: no turns (so no pending calculator question), no ratings, no forms."""
        return ("", [], [], {}, None, PANEL_PLACEHOLDER, gr.update(visible=False), "", "", gr.update(visible=False),
                "", "")

    fresh = [question, chatbot, turns, ratings, last_rated, panel, consultant, contact_question, comment, comment_row,
             feedback_status, contact_status]
    # an answer still streaming is stopped, so it cannot land in the new conversation
    new_chat.click(new_conversation, None, fresh, api_visibility="private", cancels=answering)
    chatbot.clear(new_conversation, None, fresh, api_visibility="private", cancels=answering)
    chatbot.like(on_like, [turns, ratings], [ratings, last_rated, feedback_status, comment_row],
                 api_visibility="private")

    def on_comment(text: str, feedback_id: int | None):
        if not (text or "").strip():
            return gr.update(), "Write a comment first."
        if feedback_id is None:
            return gr.update(), "Rate an answer with 👍 or 👎 first; the comment is stored with that rating."
        feedback.set_comment(int(feedback_id), text[:MAX_COMMENT_CHARS])
        return "", "Thanks, your comment was saved."

    send_comment.click(on_comment, [comment, last_rated], [comment, feedback_status], api_visibility="private")

    def on_contact(name: str, email: str, asked: str, details: str):
        if not (name or "").strip() or not EMAIL_RE.match((email or "").strip()):
            return "Please give your name and a valid email address."
        if not (asked or "").strip():
            return "Please say what you would like to ask."
        feedback.add_request(name, email, asked, details)
        return "Thanks, a consultant will contact you."

    contact_send.click(on_contact, [contact_name, contact_email, contact_question, contact_details], contact_status,
                       api_visibility="private")
