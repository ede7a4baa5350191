"""The rows editor of the landed-cost and TCO forms: a table of scenarios, a table of duty layers with presets,
and the same scenarios as JSON in an "Advanced: JSON" accordion.

The rows are what the calculation reads. The JSON is written from the rows whenever the accordion is opened (and
on "Show the rows as JSON"); JSON typed by hand reaches the rows only through "Use this JSON", which checks it
first — so the two never disagree silently. Nothing is sent to the server while cells are edited (every call counts
against the visitor's rate limit): the preset's scenario list is refreshed when it is opened. The reading and
writing of rows is :mod:`assistant.interfaces.web.scenario_rows` (pure, tested); this module only wires widgets.
"""

from __future__ import annotations

from typing import Any

from assistant.interfaces.web.render import md_escape
from assistant.interfaces.web.scenario_rows import (
    DUTY_PRESETS,
    LAYER_HEADERS,
    SCENARIO_HEADERS,
    RowError,
    apply_preset,
    args_to_rows,
    rows_from_json,
    rows_json,
)

_CELLS = ("Mode is ocean, rail, truck or air; USMCA qualifying is yes or no. An empty cell uses the calculator's "
          "default (no insurance, transit days looked up from origin and destination, a 25% carrying rate). Double-click "
          "a cell to edit it; scroll sideways for more columns.")
SCENARIOS_HELP = {
    1: f"**Scenarios** — one row per way of sourcing the part (two to six); the first row is the baseline the others "
       f"are compared with. {_CELLS}",
    2: f"**Scenarios** — row 1 is the offshore source, row 2 the nearshore one. {_CELLS}",
}
LAYERS_HELP = ("**Duty layers** — the US duties each scenario pays, in percent of the customs value (or, applied to "
               "metal content, of the metal's value per unit). The first column names the scenario. Add a usual one "
               "with the preset below, then edit its rate for your product.")


def build_scenario_editor(gr, tool: str, fields: tuple[str, ...], start: dict[str, Any]) -> tuple[Any, Any]:
    """The editor for ``fields`` (``scenarios``, or ``offshore`` and ``nearshore``) starting from the example
    arguments ``start``; returns the scenario and duty-layer tables, the calculation's inputs."""
    rows, layers = args_to_rows(fields, start)
    names = [r[0] for r in rows]
    fixed = len(fields) > 1
    gr.Markdown(SCENARIOS_HELP[len(fields) if fixed else 1])
    scenarios = gr.Dataframe(
        value=rows, headers=SCENARIO_HEADERS, datatype="str", type="array", interactive=True, wrap=False,
        row_count=len(rows), column_count=len(SCENARIO_HEADERS), pinned_columns=1, max_height=360, show_label=False, elem_id=f"scenarios-{tool}")
    gr.Markdown(LAYERS_HELP)
    duties = gr.Dataframe(
        value=layers, headers=LAYER_HEADERS, datatype="str", type="array", interactive=True, wrap=False,
        row_count=max(len(layers), 1), column_count=len(LAYER_HEADERS), max_height=360, show_label=False,
        elem_id=f"layers-{tool}")
    with gr.Row(equal_height=False):
        preset = gr.Dropdown(label="Usual duty", choices=[(p.label, key) for key, p in DUTY_PRESETS.items()],
                             value="mfn", min_width=240, elem_id=f"preset-{tool}")
        target = gr.Dropdown(label="For scenario", choices=names, value=names[0] if names else None, min_width=200,
                             elem_id=f"preset-target-{tool}")
        add = gr.Button("Add this duty", scale=0, min_width=160, elem_id=f"preset-add-{tool}")
    rows_error = gr.Markdown(elem_classes=["calc-error"], elem_id=f"rows-error-{tool}")
    with gr.Accordion("Advanced: JSON", open=False, elem_id=f"json-{tool}") as advanced:
        gr.Markdown("The rows above as JSON, written when this opens. The calculation reads the rows: to use JSON of "
                    "your own, edit it and press **Use this JSON** — the rows are replaced only if it reads without "
                    "an error.")
        code = gr.Code(value=rows_json(fields, rows, layers), language="json", lines=12, show_label=False,
                       elem_id=f"json-code-{tool}")
        with gr.Row():
            use = gr.Button("Use this JSON", variant="secondary", elem_id=f"json-apply-{tool}")
            show = gr.Button("Show the rows as JSON", elem_id=f"json-refresh-{tool}")

    def names_of(table):
        found = [str(r[0]).strip() for r in (table or []) if r and str(r[0] or "").strip()]
        return gr.Dropdown(choices=found, value=found[0] if found else None)

    def to_json(table, layer_table):
        try:
            return rows_json(fields, table, layer_table), ""
        except RowError as exc:
            return gr.skip(), f"⚠️ {md_escape(str(exc))}"

    def add_preset(table, layer_table, key, scenario):
        try:
            new_rows, new_layers = apply_preset(table, layer_table, key, scenario)
        except RowError as exc:
            return gr.skip(), gr.skip(), f"⚠️ {md_escape(str(exc))}"
        return new_rows, new_layers, ""

    def from_json(text):
        try:
            new_rows, new_layers = rows_from_json(fields, text or "")
        except RowError as exc:
            return gr.skip(), gr.skip(), f"⚠️ {md_escape(str(exc))}"
        return new_rows, new_layers, ""

    private = {"api_visibility": "private"}
    target.focus(names_of, scenarios, target, **private)
    advanced.expand(to_json, [scenarios, duties], [code, rows_error], **private)
    show.click(to_json, [scenarios, duties], [code, rows_error], **private)
    add.click(add_preset, [scenarios, duties, preset, target], [scenarios, duties, rows_error], **private)
    use.click(from_json, code, [scenarios, duties, rows_error], **private)
    return scenarios, duties
