"""Shared pieces of the web UI: CSS, the <head> snippet, JS, placeholders and the pure converters.

Nothing here imports Gradio; the converters are tested directly.
"""

import re
from typing import Any

from assistant.models import AskResult
from assistant.interfaces.web.limits import MAX_HISTORY_TURNS
from assistant.interfaces.web.render import answer_markdown, user_markdown

EXAMPLE_QUESTIONS = [
    "How long can raw materials stay in Mexico under IMMEX?",
    "What is the minimum wage in the northern border zone in 2026?",
    "What would 200 minimum-wage workers in Ciudad Juárez cost per year?",
    "¿Qué es el programa IMMEX?",
]
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")

CHAT_PLACEHOLDER = ("Ask about IMMEX, USMCA rules of origin, US tariffs, Mexican labor costs or logistics. "
                    "Every answer cites its sources.")
SOURCES_DETAIL_PLACEHOLDER = '<div class="source-empty">Select a row to read the document or passage.</div>'

# Citation markers are links to "#cite-<turn>-<n>"; one document-level listener (installed once, by the
# source panel) turns a click on any of them into the panel's "click" event with the marker's key.
CITE_JS = """
window.__nearshoreCite = trigger;
if (!window.__nearshoreCiteInstalled) {
  window.__nearshoreCiteInstalled = true;
  document.addEventListener('click', function (event) {
    const link = event.target && event.target.closest ? event.target.closest('a[href*="#cite-"]') : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const key = (link.getAttribute('href') || '').split('#cite-')[1] || '';
    window.__nearshoreCite('click', {cite: key});
  }, true);
}
"""

UI_CSS = """
.source-card { font-size: 0.95rem; line-height: 1.45; }
.source-card .source-n { font-weight: 600; color: var(--color-accent); }
.source-card h3 { margin: 0.2rem 0 0.5rem; }
.source-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0 0 0.5rem; }
.source-card dt { font-weight: 600; }
.source-card dd { margin: 0; }
.source-card blockquote { border-left: 3px solid var(--color-accent); margin: 0.5rem 0; padding: 0.3rem 0.8rem;
  background: var(--background-fill-secondary); }
.source-empty { color: var(--body-text-color-subdued); padding: 1rem; }
#source-panel { min-height: 12rem; border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.8rem; }
#chat a[href*="#cite-"] { font-weight: 600; text-decoration: none; }
.calc-error { color: var(--error-text-color, #b91c1c); }
#new-conversation { white-space: nowrap; align-self: center; }
/* Phones: a shorter chat and intro, so the question box and its Ask button are on the first screen. */
@media (max-width: 640px) {
  #chat { height: 50vh !important; min-height: 240px; }
  #intro h1 { font-size: 1.5rem; margin-bottom: 0.3rem; }
  #intro p { font-size: 0.9rem; line-height: 1.35; }
}
"""
UI_HEAD = '<meta name="description" content="Nearshore Assistant: cited answers and cost calculators for manufacturing in Mexico.">'


# ---------------------------------------------------------------------- pure helpers (tested directly)
def chat_messages(turns: list[dict]) -> list[dict[str, str]]:
    """The chatbot's messages, rebuilt from the stored turns: two messages per turn."""
    messages: list[dict[str, str]] = []
    for i, turn in enumerate(turns):
        result = AskResult.model_validate(turn["result"])
        messages.append({"role": "user", "content": user_markdown(turn["question"])})
        messages.append({"role": "assistant", "content": answer_markdown(result, i, turn["question"])})
    return messages


def history_from_turns(turns: list[dict]) -> list[dict[str, str]]:
    """What the assistant sees of earlier turns (plain text, the last ``MAX_HISTORY_TURNS`` messages)."""
    history = []
    for turn in turns:
        history.append({"role": "user", "content": turn["question"]})
        history.append({"role": "assistant", "content": turn["result"]["answer"]})
    return history[-MAX_HISTORY_TURNS:]


def rating_of(liked: Any) -> str | None:
    """Gradio's like payload → 'up' / 'down' (None when the thumb was taken back)."""
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None
