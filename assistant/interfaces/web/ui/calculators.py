"""The Calculators tab: one sub-tab per registered tool — the form, then the result: a card with the headline
(:mod:`assistant.interfaces.web.cards`) beside the chart, the notes, then the full breakdown and the assumptions
with their sources folded in accordions, and the CSV.

Every typed input (numbers included) is a text box: a number box shows and sends 0 for a field left empty, which
would turn "not given" into a figure (a payroll tax of 0%). :mod:`assistant.interfaces.web.forms` reads them.
Scenarios (landed cost, TCO) are edited as rows (:mod:`assistant.interfaces.web.ui.scenario_editor`).
"""

import datetime as dt
import typing
from typing import Any

from assistant.errors import UserInputError
from assistant.interfaces.web.lines import humanize, rate_bases
from assistant.interfaces.web.cards import CARD_CSS, card_html, result_card
from assistant.interfaces.web.render import (
    ASSUMPTION_HEADERS,
    assumption_rows,
    md_escape,
    notes_markdown,
    result_csv,
    result_rows,
)


def build_calculators_tab(gr, files, titles=None, lang=None) -> None:
    """``files`` is the UI's :class:`~assistant.interfaces.web.files.GeneratedFiles` (the CSV and receipt downloads);
    ``titles`` (optional) returns document titles by id, to name the documents that explain a result; ``lang``
    (optional) a ``gr.State`` holding the visitor's language ("en" or "es", from the browser), for the result cards."""
    from assistant.registry import REGISTRY

    gr.Markdown("Each calculator uses published, dated rates; the assumptions table lists every rate with its "
                "source. Change any input and press **Calculate**; a field left empty uses the default shown in it.")
    with gr.Tabs():
        for name, spec in REGISTRY.items():
            with gr.Tab(humanize(name), id=f"calc-{name}"):
                build_calculator(gr, files, name, spec, titles, lang)


# After Calculate, a card out of view (below the fold on a phone) is scrolled to the top of the screen.
SCROLL_TO_CARD_JS = """
() => {
  const card = document.querySelector('#card-%s .result-card');
  if (!card) return;
  const top = card.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight * 0.5) card.scrollIntoView({block: 'start'});
}
"""


def build_calculator(gr, files, name: str, spec, titles=None, lang=None) -> list:
    """One calculator's form and results, wired to ``run_tool``; returns the calculation's inputs (the form's
    widgets in field order, the scenario rows last)."""
    from assistant.interfaces.web.forms import example_for, field_specs
    from assistant.interfaces.web.scenario_rows import row_fields
    from assistant.interfaces.web.ui.scenario_editor import build_scenario_editor

    gr.Markdown(f"**{md_escape(spec.summary)}**")
    example = example_for(name, spec.input_model)
    specs = field_specs(spec.input_model, example)
    rows_for = row_fields(spec.input_model)
    widgets: dict[str, Any] = {}
    with gr.Row():
        for s in (s for s in specs if s.primary and s.name not in rows_for):
            widgets[s.name] = _widget(gr, name, s)
    tables = list(build_scenario_editor(gr, name, rows_for, example)) if rows_for else []
    rest = [s for s in specs if not s.primary and s.name not in rows_for]
    if rest:
        with gr.Accordion("More options", open=False, elem_id=f"more-{name}"):
            with gr.Row():
                for s in rest:
                    widgets[s.name] = _widget(gr, name, s)
    run = gr.Button("Calculate", variant="primary", elem_id=f"run-{name}")
    error_box = gr.Markdown(elem_classes=["calc-error"], elem_id=f"error-{name}")
    with gr.Row(equal_height=False):
        card = gr.HTML("", css_template=CARD_CSS, js_on_load=None, min_width=320, elem_id=f"card-{name}")
        chart = gr.Plot(label="Chart", show_label=False, min_width=320, elem_id=f"chart-{name}")
    notes = gr.Markdown(elem_id=f"notes-{name}")
    with gr.Accordion("Breakdown: every figure", open=False, elem_id=f"breakdown-{name}"):
        table = gr.Dataframe(headers=["Item", "Value"], show_label=False, interactive=False, wrap=True,
                             max_height=420, elem_id=f"result-{name}", column_widths=["62%", "38%"],
                             show_search="search")  # a labor result has some 75 lines
    with gr.Accordion("Assumptions and sources", open=False, elem_id=f"assumptions-fold-{name}"):
        assumptions = gr.Dataframe(headers=ASSUMPTION_HEADERS, show_label=False, interactive=False, wrap=True,
                                   max_height=320, elem_id=f"assumptions-{name}",
                                   column_widths=["24%", "9%", "13%", "10%", "10%", "34%"])
    with gr.Row():
        receipt = gr.File(label="Calculation receipt: JSON (re-run it later), PDF, Word", interactive=False,
                          file_count="multiple", elem_id=f"receipt-{name}")
        csv_file = gr.File(label="Download CSV", interactive=False, elem_id=f"csv-{name}")
    form_specs = [s for s in specs if s.name not in rows_for]

    def calculate(*values):
        visitor = values[-1] if lang is not None else "en"
        values = values[:-1] if lang is not None else values
        typed = iter(values[: len(form_specs)])
        full = [None if s.name in rows_for else next(typed) for s in specs]
        return calculate_outputs(files, name, specs, full, tables=values[len(form_specs):], rows_for=rows_for,
                                 titles=titles() if titles else None, lang=visitor if visitor in ("en", "es") else "en")

    inputs = [widgets[s.name] for s in form_specs] + tables + ([lang] if lang is not None else [])
    run.click(calculate, inputs, [error_box, card, table, chart, assumptions, notes, receipt, csv_file],
              api_name=f"calc_{name}").then(None, js=SCROLL_TO_CARD_JS % name)
    return inputs


def calculate_outputs(files, name: str, specs, values, *, tables=(), rows_for: tuple[str, ...] = (),
                      titles=None, lang: str = "en") -> tuple:
    """The form's values (one per field; a scenario field's comes from ``tables``, the rows editor's scenario and
    duty-layer tables) → (error, card, result table, chart, assumptions table, notes, receipt paths (JSON, PDF,
    DOCX: :mod:`assistant.interfaces.web.receipts`), CSV path)."""
    import pandas as pd

    from assistant.calculators.rates import load_rates
    from assistant.interfaces.web.charts import result_figure
    from assistant.interfaces.web.forms import form_message, parse_form
    from assistant.interfaces.web.scenario_rows import RowError, rows_to_args
    from assistant.registry import run_tool, validate_args

    try:
        args = parse_form(specs, list(values))
        if rows_for:
            args.update(rows_to_args(rows_for, *tables))
        result = run_tool(name, args)
    except UserInputError as exc:
        text = str(exc) if isinstance(exc, RowError) else form_message(str(exc), specs, name)
        return (f"⚠️ {md_escape(text)}", "", None, None, None, "", None, None)
    inputs = validate_args(name, args).model_dump(mode="json", exclude_none=True)  # every input used, defaults too
    model = result_model(name)
    bases = rate_bases(model)
    card = result_card(name, result, inputs, lang=lang, rates=load_rates(), bases=bases, title=humanize(name))
    rows = pd.DataFrame(result_rows(result, bases), columns=["Item", "Value"])
    assumed = pd.DataFrame(assumption_rows(result), columns=ASSUMPTION_HEADERS)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = files.write_text(f"{name}-{stamp}.csv", result_csv(name, inputs, result, bases))
    from assistant.interfaces.web.receipts import receipt_files

    receipt = receipt_files(files, name, args, result, kinds=("json", "pdf", "docx"))  # the args as given
    return ("", card_html(card, f"result-card-{name}"), rows, result_figure(result, model), assumed,
            notes_markdown(result, titles), [str(receipt[kind]) for kind in ("json", "pdf", "docx")], str(path))



def result_model(name: str):
    """The result model a calculator returns (its function's return annotation)."""
    from assistant.registry import get_tool

    return typing.get_type_hints(get_tool(name).function)["return"]


def _widget(gr, tool: str, s):
    """The input widget for one form field (see ``assistant.interfaces.web.forms.field_specs``)."""
    elem_id = f"field-{tool}-{s.name}"
    if s.kind == "choice":
        return gr.Dropdown(label=s.label, choices=s.choice_pairs(), value=s.default, info=s.info, min_width=200,
                           elem_id=elem_id)
    if s.kind == "bool":
        return gr.Checkbox(label=s.label, value=bool(s.default), info=s.info, elem_id=elem_id)
    if s.kind == "json":
        return gr.Code(label=f"{s.label} (JSON) — {s.info}", value=s.default or "", language="json", lines=8,
                       elem_id=elem_id)
    return gr.Textbox(label=s.label, value=s.default or "", info=s.info, placeholder=s.placeholder or None,
                      min_width=200, elem_id=elem_id)
