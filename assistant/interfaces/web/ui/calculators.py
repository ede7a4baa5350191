"""The Calculators tab: one sub-tab per registered tool, with a form, result table, chart, assumptions and CSV."""

import datetime as dt
from typing import Any

from assistant.errors import UserInputError
from assistant.interfaces.web.render import (
    ASSUMPTION_HEADERS,
    assumption_rows,
    humanize,
    md_escape,
    notes_markdown,
    result_csv,
    result_rows,
)


def build_calculators_tab(gr, files) -> None:
    """``files`` is the UI's :class:`~assistant.interfaces.web.files.GeneratedFiles` (the CSV downloads)."""
    from assistant.registry import REGISTRY, run_tool
    from assistant.interfaces.web.forms import example_for, field_specs

    gr.Markdown("Each calculator uses published, dated rates; the assumptions table lists every rate with its "
                "source. Change any input and press **Calculate**.")
    with gr.Tabs():
        for name, spec in REGISTRY.items():
            with gr.Tab(humanize(name), id=f"calc-{name}"):
                gr.Markdown(f"**{md_escape(spec.summary)}**")
                specs = field_specs(spec.input_model, example_for(name, spec.input_model))
                widgets: dict[str, Any] = {}
                with gr.Row():
                    for s in (s for s in specs if s.primary):
                        widgets[s.name] = _widget(gr, s)
                rest = [s for s in specs if not s.primary]
                if rest:
                    with gr.Accordion("More options", open=False):
                        with gr.Row():
                            for s in rest:
                                widgets[s.name] = _widget(gr, s)
                run = gr.Button("Calculate", variant="primary", elem_id=f"run-{name}")
                error_box = gr.Markdown(elem_classes=["calc-error"])
                with gr.Row():
                    table = gr.Dataframe(headers=["Item", "Value"], label="Result", interactive=False, wrap=True,
                                         max_height=420, elem_id=f"result-{name}", column_widths=["65%", "35%"])
                    chart = gr.Plot(label="Chart", elem_id=f"chart-{name}")
                assumptions = gr.Dataframe(headers=ASSUMPTION_HEADERS, label="Assumptions and sources",
                                           interactive=False, wrap=True, max_height=320,
                                           column_widths=["24%", "9%", "13%", "10%", "10%", "34%"])
                notes = gr.Markdown()
                csv_file = gr.File(label="Download CSV", interactive=False, elem_id=f"csv-{name}")

                def calculate(*values, _name=name, _specs=specs):
                    import pandas as pd

                    from assistant.interfaces.web.charts import result_figure
                    from assistant.interfaces.web.forms import parse_form

                    try:
                        args = parse_form(_specs, list(values))
                        result = run_tool(_name, args)
                    except UserInputError as exc:
                        return (f"⚠️ {md_escape(str(exc))}", None, None, None, "", None)
                    rows = pd.DataFrame(result_rows(result), columns=["Item", "Value"])
                    assumed = pd.DataFrame(assumption_rows(result), columns=ASSUMPTION_HEADERS)
                    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                    path = files.write_text(f"{_name}-{stamp}.csv", result_csv(_name, args, result))
                    return ("", rows, result_figure(result), assumed, notes_markdown(result), str(path))

                run.click(calculate, [widgets[s.name] for s in specs],
                          [error_box, table, chart, assumptions, notes, csv_file], api_name=f"calc_{name}")


def _widget(gr, s):
    """The input widget for one form field (see ``assistant.interfaces.web.forms.field_specs``)."""
    if s.kind in ("number", "integer"):
        return gr.Number(label=s.label, value=s.default, info=s.info, precision=0 if s.kind == "integer" else None,
                         min_width=200)
    if s.kind == "choice":
        return gr.Dropdown(label=s.label, choices=s.choices, value=s.default, info=s.info, min_width=200)
    if s.kind == "bool":
        return gr.Checkbox(label=s.label, value=bool(s.default), info=s.info)
    if s.kind == "json":
        return gr.Code(label=f"{s.label} (JSON) — {s.info}", value=s.default or "", language="json", lines=8)
    placeholder = "YYYY-MM-DD" if s.kind == "date" else None
    return gr.Textbox(label=s.label, value="" if s.default is None else str(s.default), info=s.info,
                      placeholder=placeholder, min_width=200)
