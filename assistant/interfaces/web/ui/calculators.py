"""The Calculators tab: one sub-tab per registered tool, with a form, result table, chart, assumptions and CSV.

Every typed input (numbers included) is a text box: a number box shows and sends 0 for a field left empty, which
would turn "not given" into a figure (a payroll tax of 0%). :mod:`assistant.interfaces.web.forms` reads them.
"""

import datetime as dt
import typing
from typing import Any

from assistant.errors import UserInputError
from assistant.interfaces.web.lines import humanize, rate_bases
from assistant.interfaces.web.render import (
    ASSUMPTION_HEADERS,
    assumption_rows,
    md_escape,
    notes_markdown,
    result_csv,
    result_rows,
)


def build_calculators_tab(gr, files) -> None:
    """``files`` is the UI's :class:`~assistant.interfaces.web.files.GeneratedFiles` (the CSV downloads)."""
    from assistant.registry import REGISTRY

    gr.Markdown("Each calculator uses published, dated rates; the assumptions table lists every rate with its "
                "source. Change any input and press **Calculate**; a field left empty uses the default shown in it.")
    with gr.Tabs():
        for name, spec in REGISTRY.items():
            with gr.Tab(humanize(name), id=f"calc-{name}"):
                build_calculator(gr, files, name, spec)


def build_calculator(gr, files, name: str, spec) -> list:
    """One calculator's form and results, wired to ``run_tool``; returns the input widgets in field order."""
    from assistant.interfaces.web.forms import example_for, field_specs

    gr.Markdown(f"**{md_escape(spec.summary)}**")
    specs = field_specs(spec.input_model, example_for(name, spec.input_model))
    widgets: dict[str, Any] = {}
    with gr.Row():
        for s in (s for s in specs if s.primary):
            widgets[s.name] = _widget(gr, name, s)
    rest = [s for s in specs if not s.primary]
    if rest:
        with gr.Accordion("More options", open=False, elem_id=f"more-{name}"):
            with gr.Row():
                for s in rest:
                    widgets[s.name] = _widget(gr, name, s)
    run = gr.Button("Calculate", variant="primary", elem_id=f"run-{name}")
    error_box = gr.Markdown(elem_classes=["calc-error"], elem_id=f"error-{name}")
    with gr.Row():
        table = gr.Dataframe(headers=["Item", "Value"], label="Result", interactive=False, wrap=True,
                             max_height=420, elem_id=f"result-{name}", column_widths=["65%", "35%"],
                             show_search="search")  # a labor result has some 75 lines
        chart = gr.Plot(label="Chart", elem_id=f"chart-{name}")
    assumptions = gr.Dataframe(headers=ASSUMPTION_HEADERS, label="Assumptions and sources",
                               interactive=False, wrap=True, max_height=320,
                               column_widths=["24%", "9%", "13%", "10%", "10%", "34%"])
    notes = gr.Markdown()
    csv_file = gr.File(label="Download CSV", interactive=False, elem_id=f"csv-{name}")

    def calculate(*values):
        return calculate_outputs(files, name, specs, values)

    inputs = [widgets[s.name] for s in specs]
    run.click(calculate, inputs, [error_box, table, chart, assumptions, notes, csv_file], api_name=f"calc_{name}")
    return inputs


def calculate_outputs(files, name: str, specs, values) -> tuple:
    """The form's values → (error, result table, chart, assumptions table, notes, CSV path)."""
    import pandas as pd

    from assistant.interfaces.web.charts import result_figure
    from assistant.interfaces.web.forms import form_message, parse_form
    from assistant.registry import run_tool, validate_args

    try:
        args = parse_form(specs, list(values))
        result = run_tool(name, args)
    except UserInputError as exc:
        return (f"⚠️ {md_escape(form_message(str(exc), specs, name))}", None, None, None, "", None)
    inputs = validate_args(name, args).model_dump(mode="json", exclude_none=True)  # every input used, defaults too
    bases = rate_bases(result_model(name))
    rows = pd.DataFrame(result_rows(result, bases), columns=["Item", "Value"])
    assumed = pd.DataFrame(assumption_rows(result), columns=ASSUMPTION_HEADERS)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = files.write_text(f"{name}-{stamp}.csv", result_csv(name, inputs, result, bases))
    return ("", rows, result_figure(result), assumed, notes_markdown(result), str(path))


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
