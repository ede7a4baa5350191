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

SOURCE_HEAD = ('<div class="source-head"><h3>Source</h3><button type="button" class="source-close" '
               'aria-label="Close the source">Close ✕</button></div>')
DRAWER_MAX_WIDTH = 600  # px: at or below it, the source panel is a drawer over the chat

# Citation markers are links to "#cite-<turn>-<n>"; one document-level listener (installed once, by the
# source panel) turns a click on any of them into the panel's "click" event with the marker's key. On a phone
# (narrower than DRAWER_MAX_WIDTH) the panel's column opens as a drawer over the chat; its close button, the Escape
# key or a tap outside it closes it.
CITE_JS = """
window.__nearshoreCite = trigger;
if (!window.__nearshoreCiteInstalled) {
  window.__nearshoreCiteInstalled = true;
  const column = () => document.getElementById('source-column');
  const close = () => { const c = column(); if (c) c.classList.remove('source-open'); };
  document.addEventListener('click', function (event) {
    const target = event.target && event.target.closest ? event.target : null;
    if (target && target.closest('.source-close')) { close(); return; }
    const link = target ? target.closest('a[href*="#cite-"]') : null;
    if (!link) {
      const c = column();
      if (c && c.classList.contains('source-open') && !c.contains(target)) close();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const key = (link.getAttribute('href') || '').split('#cite-')[1] || '';
    window.__nearshoreCite('click', {cite: key});
    const c = column();
    if (c && window.matchMedia('(max-width: DRAWER_MAX_WIDTHpx)').matches) {
      c.classList.add('source-open');
      c.scrollTop = 0;
    }
  }, true);
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
}
""".replace("DRAWER_MAX_WIDTH", str(DRAWER_MAX_WIDTH))

# Plain system fonts (no web font: the app works offline, and the theme's Montserrat drew "IMMEX" with a stylised E).
FONT_STACK = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, '
              'sans-serif')
MONO_STACK = 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace'

UI_CSS = """
:root, .dark, .gradio-container { --font: FONT_STACK !important; --font-mono: MONO_STACK !important; }
body, .gradio-container, .gradio-container button, .gradio-container input, .gradio-container textarea,
.gradio-container select { font-family: FONT_STACK; }
.source-card { font-size: 0.95rem; line-height: 1.45; }
.source-card .source-n { font-weight: 600; color: var(--color-accent); }
.source-card h3 { margin: 0.2rem 0 0.5rem; }
.source-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.8rem; margin: 0 0 0.5rem; }
.source-card dt { font-weight: 600; }
.source-card dd { margin: 0; }
.source-card blockquote { border-left: 3px solid var(--color-accent); margin: 0.5rem 0; padding: 0.3rem 0.8rem;
  background: var(--background-fill-secondary); }
.source-card mark.cited { background: #fde68a; color: inherit; padding: 0 0.1em; border-radius: 2px; }
.source-card .source-section { margin: 0.8rem 0 0.2rem; }
.source-card .source-link { margin: 0.2rem 0 0.4rem; overflow-wrap: anywhere; }
.source-empty { color: var(--body-text-color-subdued); padding: 1rem; }
.source-head { display: flex; align-items: center; justify-content: space-between; }
.source-head h3 { margin: 0; }
.source-close { display: none; border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.3rem 0.7rem;
  background: var(--background-fill-secondary); cursor: pointer; }
#source-panel { min-height: 12rem; border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.8rem; }
#chat a[href*="#cite-"] { font-weight: 600; text-decoration: none; }
.calc-error { color: var(--error-text-color, #b91c1c); }
#new-conversation { white-space: nowrap; align-self: center; }
/* Desktop: the source panel stays beside the chat while the page scrolls. */
@media (min-width: 601px) {
  #source-column { position: sticky; top: 0.5rem; align-self: flex-start; }
}
/* Phones: a shorter chat and intro, so the question box and its Ask button are on the first screen. */
@media (max-width: 640px) {
  #chat { height: 50vh !important; min-height: 240px; }
  #intro h1 { font-size: 1.5rem; margin-bottom: 0.3rem; }
  #intro p { font-size: 0.9rem; line-height: 1.35; }
}
/* Phones: a tapped citation opens the source panel as a drawer over the lower part of the screen. */
@media (max-width: 600px) {
  #source-column.source-open { position: fixed; left: 0; right: 0; bottom: 0; z-index: 10000; margin: 0;
    width: auto !important; min-width: 0 !important; max-height: 72vh; overflow-y: auto; padding: 0.8rem;
    background: var(--background-fill-primary); border-top: 1px solid var(--border-color-primary);
    border-radius: 12px 12px 0 0; box-shadow: 0 -6px 24px rgba(0, 0, 0, 0.25); }
  #source-column.source-open .source-close { display: inline-block; }
  /* the chatbot's "scroll down" button sits on Gradio's top layer: hidden while the drawer is open */
  body:has(#source-column.source-open) #chat .scroll-down-button-container { display: none; }
}
""".replace("FONT_STACK", FONT_STACK).replace("MONO_STACK", MONO_STACK)
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
