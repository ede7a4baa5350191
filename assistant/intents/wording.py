"""The answer text, in the visitor's language: a short headline with the key figures, what was assumed, a pointer
to the full breakdown in the Calculators tab, then a compact breakdown, the notes and the assumptions with their
dates and sources — or, while inputs are missing, a plain question asking for exactly those.

Input labels ("the daily wage in MXN, or \"minimum\"") come from the calculators' input models (``label_en`` /
``label_es`` in each field's ``json_schema_extra``); a field without a label is spelled out in words. Field
names never reach the visitor.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from assistant.calculators.common import field_label
from assistant.calculators.formatting import notice_lines, plain_number, sentence_value
from assistant.intents.answers import MODE_NAMES, transit_compare_text
from assistant.calculators.rates import latest_exchange_rate
from assistant.intents.specs import SPECS, RouteDecision, submodel
from assistant.intents.translations import (
    name_text,
    note_text,
    source_text,
    spell_field,
    unit_text,
)
from assistant.models import Language as Lang
from assistant.registry import REGISTRY

TOOL_LABELS = {
    "mexico_labor_cost": ("labor-cost calculator", "calculadora de costo laboral"),
    "usmca_rvc": ("USMCA regional value content calculator", "calculadora de valor de contenido regional (T-MEC)"),
    "landed_cost_compare": ("landed-cost comparison", "comparación de costo puesto en destino"),
    "immex_vat_cashflow": ("IMMEX VAT cash-flow calculator", "calculadora de flujo de IVA IMMEX"),
    "tco_compare": ("total-cost-of-ownership comparison", "comparación de costo total de propiedad"),
    "transit_time": ("transit-time table", "tabla de tiempos de tránsito"),
}
POINTER = {"en": "Full breakdown: Calculators tab.", "es": "Desglose completo: pestaña Calculadoras."}
_WORK_RISK_NOTE = re.compile(r"Work-risk class (\w+) assumed \(the default\)")
_NO_TRANSIT = re.compile(r"Transit days \((.+?)\): none given and no destination to look them up")
# Inputs the models leave unlabelled (optional ones) that a refusal may still have to name.
_PLAIN_LABELS = {
    "mxn_per_usd": ("the exchange rate (pesos per US dollar)", "el tipo de cambio (pesos por dólar)"),
    "headcount": ("the number of workers", "el número de trabajadores"),
    "year": ("the year", "el año"),
    "years_of_service": ("the years of service", "los años de antigüedad"),
    "work_risk_class": ("the work-risk class", "la clase de riesgo de trabajo"),
    "weekly_hours": ("the weekly hours", "las horas semanales"),
    "threshold_pct": ("the RVC threshold (percent)", "el umbral de VCR (por ciento)"),
    "months_to_recover": ("the months until the VAT is recovered", "los meses hasta recuperar el IVA"),
    "cost_of_capital_pct": ("the cost of capital (percent a year)", "el costo de capital (por ciento anual)"),
    "mexican_duty_rate_pct": ("the Mexican import duty (percent)", "el arancel mexicano (por ciento)"),
    "prosec_rate_pct": ("the PROSEC rate (percent)", "la tasa PROSEC (por ciento)"),
    "non_originating_inputs_usd": ("the non-originating inputs a year, in USD", "los insumos no originarios al año, en USD"),
    "us_duty_on_finished_goods_usd": ("the US duty paid on the finished goods, in USD", "el arancel de EE. UU. pagado por los bienes terminados, en USD"),
    "years": ("the number of years", "el número de años"),
    "mx_wage_growth_pct": ("the Mexican wage growth (percent a year)", "el crecimiento salarial en México (por ciento anual)"),
    "rate_pct": ("the tariff rate (percent)", "la tasa arancelaria (por ciento)"),
    "freight_per_shipment_usd": ("the freight per shipment, in USD", "el flete por embarque, en USD"),
}


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, tuple[str, str]]:
    """Every labelled input field of the registered calculators (nested models included): name → (en, es)."""
    labels: dict[str, tuple[str, str]] = {}

    def collect(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            en, es = field_label(model, name, "en"), field_label(model, name, "es")
            if en is not None and es is not None:
                labels.setdefault(name, (en, es))
            sub = submodel(info)
            if sub is not None:
                collect(sub)

    for spec in REGISTRY.values():
        collect(spec.input_model)
    return labels


def field_words(field: str, lang: Lang, args: dict[str, Any] | None = None) -> str:
    """A (possibly nested) input field in plain words: 'scenarios[0].units_per_shipment' → 'the units per shipment
    (Shenzhen)'."""
    idx = 0 if lang == "en" else 1
    head, _, leaf = field.rpartition(".")
    leaf = leaf.split("[")[0]
    text = (_field_labels().get(leaf) or _PLAIN_LABELS.get(leaf) or (None, None))[idx] or spell_field(leaf)
    if head:
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\])?", head)
        holder = (args or {}).get(m.group(1)) if m else None
        item = holder[int(m.group(2))] if m and m.group(2) and isinstance(holder, list) and int(m.group(2)) < len(holder) else holder
        name = item.get("name") if isinstance(item, dict) else None
        if name is None and m and m.group(2):
            name = f"option {int(m.group(2)) + 1}" if lang == "en" else f"opción {int(m.group(2)) + 1}"
        elif name is None and m:
            name = {"offshore": ("offshore option", "opción en Asia"), "nearshore": ("Mexican option", "opción en México")}.get(
                m.group(1), (m.group(1), m.group(1)))[idx]
        text += f" ({name})"
    return text


def _join(items: list[str], lang: Lang) -> str:
    word = " and " if lang == "en" else " y "
    return ", ".join(items[:-1]) + word + items[-1] if len(items) > 1 else "".join(items)


def ask_for_missing(decision: RouteDecision) -> str:
    """A plain question asking for exactly the inputs still missing, in the visitor's language."""
    idx = 0 if decision.lang == "en" else 1
    tool = TOOL_LABELS.get(decision.tool, (decision.tool, decision.tool))[idx]
    listing = _join([field_words(f, decision.lang, decision.args) for f in decision.missing], decision.lang)
    one = len(decision.missing) == 1
    if decision.lang == "es":
        return f"Para usar la {tool} me falta{'' if one else 'n'} {listing}. ¿Me {'lo' if one else 'los'} puede indicar?"
    return f"To run the {tool} I still need {listing}. Could you tell me?"


def assumption_lines(result: dict[str, Any], lang: Lang, limit: int = 60) -> list[str]:
    """The result's assumptions under a heading, in the visitor's language: those with the same source and dates
    on one line (several of one kind, "IMSS employer: ...", on a line of their own), each with its figure, then
    the dates in force and the source."""
    entries = []
    for a in result.get("assumptions", [])[:limit]:
        name = name_text(a["name"], lang)
        kind, _, item = name.partition(": ")
        base = (source_text(a.get("source") or "", lang), a.get("effective_from") or "", a.get("effective_to") or "")
        entries.append((base, kind if item else "", item, name, f"{sentence_value(a['value'])} {unit_text(a['unit'], lang)}"))
    kinds = Counter((base, kind) for base, kind, *_ in entries if kind)
    groups: dict[tuple[tuple[str, str, str], str], list[str]] = {}
    for base, kind, item, name, figure in entries:
        if kind and kinds[(base, kind)] > 1:
            groups.setdefault((base, kind), []).append(f"{item} {figure}")
        else:
            groups.setdefault((base, ""), []).append(f"{name}: {figure}")
    lines = ["Assumptions and sources:" if lang == "en" else "Supuestos y fuentes:"]
    for ((source, start, end), kind), items in groups.items():
        dates = f", {start} – {end or ('until changed' if lang == 'en' else 'hasta nuevo aviso')}" if start else ""
        lines.append(f"- {kind + ': ' if kind else ''}{'; '.join(items)}{dates} ({source})")
    return lines


def _assumed(decision: RouteDecision, result: dict[str, Any]) -> list[str]:
    """What the answer took as given without the visitor saying so: the router's stated defaults and the
    calculator's own."""
    en = decision.lang == "en"
    args, items = decision.args, []
    zone = {"general": ("general zone", "zona general"), "border": ("northern border zone", "zona libre de la frontera norte")}
    z = zone.get(result.get("zone"), ("", ""))[0 if en else 1]
    if decision.tool == "mexico_labor_cost" and "daily_wage_mxn" in decision.assumed:
        items.append(f"the {z} minimum wage (MXN {result['daily_wage_mxn']:,.2f} a day), as no wage was given" if en else
                     f"el salario mínimo de la {z} (MXN {result['daily_wage_mxn']:,.2f} diarios), pues no se indicó salario")
    if "mxn_per_usd" in decision.assumed:
        fx = latest_exchange_rate()
        month = fx.effective_from.strftime("%Y-%m")
        items.append(f"MXN {plain_number(fx.value)} per US dollar, the Banco de México FIX average of {month}, the "
                     "latest on file" if en else f"{plain_number(fx.value)} pesos por dólar, promedio del FIX del "
                     f"Banco de México de {month}, el más reciente en archivo")
    if decision.tool == "mexico_labor_cost":
        if "zone" not in args and result.get("zone_basis", "assumed") == "assumed":
            items.append("the general minimum-wage zone (not the northern border)" if en else
                         "la zona general del salario mínimo (no la frontera norte)")
        risk = next((m for n in result.get("notes", []) if (m := _WORK_RISK_NOTE.match(n))), None)
        if risk:
            rate = next((a["value"] for a in result["assumptions"] if a["name"].startswith("Work-risk premium, class")), None)
            items.append(f"work-risk class {risk[1]} ({plain_number(rate)}%, the IMSS class average; the class follows the company's "
                         "activity)" if en else f"riesgo de trabajo clase {risk[1]} ({plain_number(rate)}%, promedio IMSS de la clase; "
                         "la clase depende de la actividad de la empresa)")
    if decision.tool == "immex_vat_cashflow" and "annual_temporary_imports_usd" in decision.assumed:
        amount = plain_number(args["annual_temporary_imports_usd"])
        items.append(f"temporary imports of US${amount} a year, the non-originating inputs given" if en else
                     f"importaciones temporales de US${amount} al año, los insumos no originarios indicados")
    if decision.tool == "usmca_rvc" and "threshold_pct" not in args:
        items.append(f"the typical threshold for the method ({plain_number(result['threshold_pct'])}%)" if en else
                     f"el umbral típico del método ({plain_number(result['threshold_pct'])}%)")
    if decision.tool == "transit_time" and "mode" not in args:
        mode = MODE_NAMES.get(result["mode"], (result["mode"], result["mode"]))[0 if en else 1]
        items.append(f"the usual mode for the lane ({mode})" if en else f"el modo habitual de la ruta ({mode})")
    for a in result.get("assumptions", []):
        if m := _NO_TRANSIT.fullmatch(a["name"]):
            items.append(f"no transit days for {m[1]} (give a US destination to look them up)" if en else
                         f"sin días de tránsito para {m[1]} (indique un destino en EE. UU. para consultarlos)")
        elif str(a.get("source", "")).startswith("calculator default"):
            name = name_text(a["name"], decision.lang)
            items.append(f"{name[:1].lower()}{name[1:]}: {sentence_value(a['value'])} {unit_text(a['unit'], decision.lang)}")
    return items


def _notes(result: dict[str, Any], lang: Lang) -> list[str]:
    """The notes in plain words and the visitor's language, less those the 'Assumed' line already says."""
    return [note_text(n, lang) for n in result.get("notes") or [] if not _WORK_RISK_NOTE.match(n)]


def _tail(head: list[str], assumed: list[str], breakdown: list[str], notes: list[str], assumptions: list[str], lang: Lang,
          notices: list[str] = ()) -> str:
    lines = list(head) + [f"⚠ {n}" for n in dict.fromkeys(notices)]  # rates past their last row: latest on file
    if assumed:
        lines.append(("Assumed: " if lang == "en" else "Se supuso: ") + "; ".join(dict.fromkeys(assumed)) + ".")
    lines.append(POINTER[lang])
    if breakdown:
        lines += ["", *breakdown]
    if notes:
        lines += ["", ("Notes:" if lang == "en" else "Notas:"), *(f"- {n}" for n in dict.fromkeys(notes))]
    return "\n".join([*lines, "", *assumptions])


def render_answer(decision: RouteDecision, result: dict | None) -> str:
    """The answer to one calculation — or, when inputs are missing (or there is no result), a question asking
    for exactly those, in the visitor's language."""
    if decision.missing or result is None:
        return ask_for_missing(decision)
    lang = decision.lang
    head, breakdown = SPECS[decision.tool].answer(result, decision.args, lang)
    return _tail(head, _assumed(decision, result), breakdown, _notes(result, lang),
                 assumption_lines(_sourced_defaults(decision, result), lang), lang, notice_lines(result, lang))


def _sourced_defaults(decision: RouteDecision, result: dict[str, Any]) -> dict[str, Any]:
    """The result with the exchange rate the router filled in (the latest on file) listed with its table row's
    source and dates, not as a figure the visitor gave."""
    if "mxn_per_usd" not in decision.assumed:
        return result
    row = latest_exchange_rate()
    listed = row.assumption("Exchange rate (latest on file)").model_dump(mode="json")
    return {**result, "assumptions": [listed if a.get("name") == "Exchange rate" else a
                                      for a in result.get("assumptions", [])]}


def render_answers(outcomes: list[tuple[RouteDecision, dict | None, str | None]]) -> str:
    """The answer to one or more calculations the same question asks for: each outcome is the decision, its
    result (or ``None``) and, when the calculator refused the input, the plain-words refusal."""
    done = [(d, r) for d, r, refusal in outcomes if r is not None and not d.missing]
    unanswered = [refusal or ask_for_missing(d) for d, r, refusal in outcomes if r is None or d.missing]
    if len(done) == 1 and len(outcomes) == 1:
        return render_answer(*done[0])
    if not done:
        return "\n".join(dict.fromkeys(unanswered))
    lang = done[0][0].lang
    if all(d.tool == "transit_time" for d, _ in done) and len(done) > 1:
        head, breakdown = transit_compare_text([r for _, r in done], lang)
    else:
        head, breakdown = [], []
        for d, r in done:
            h, b = SPECS[d.tool].answer(r, d.args, lang)
            head, breakdown = head + h, breakdown + b
    merged = {"assumptions": [a for _, r in done for a in r.get("assumptions", [])]}
    merged["assumptions"] = list({repr(sorted(a.items())): a for a in merged["assumptions"]}.values())
    assumed = [item for d, r in done for item in _assumed(d, r)]
    notes = [n for _, r in done for n in _notes(r, lang)]
    notices = [n for _, r in done for n in notice_lines(r, lang)]
    return _tail(head + unanswered, assumed, breakdown, notes, assumption_lines(merged, lang), lang, notices)
