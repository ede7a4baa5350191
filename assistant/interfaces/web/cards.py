"""Result cards: a calculator's result as a headline a visitor reads first. Pure functions over JSON-ready data.

:func:`result_card` turns a result (and the inputs used) into a :class:`Card`: the headline in words ("Monterrey
IMMEX plant saves USD 1.20 a unit compared with Shenzhen supplier"), a line of detail, and the key figures in USD
and MXN; :func:`card_html` writes it as HTML with every text escaped. Money has two decimals, a rate says what it
applies to. Texts come from one small English/Spanish table (:data:`TEXTS`).

The exchange rate is an assumption and the card says so: the rate the calculator used (an assumption in MXN per
USD, e.g. the labor calculator's ``mxn_per_usd``), else the dated rate of a ``mxn_per_usd`` rate table when one is
on file (:func:`exchange_rate`). Without either, the card shows the calculator's own currency and says what is
missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from assistant.interfaces.web.lines import humanize
from assistant.interfaces.web.numbers import money_text, percent_text, typed_text
from assistant.interfaces.web.render import h

FX_UNIT = "MXN per USD"
FX_TABLE = "mxn_per_usd"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "saves": "{alt} saves {amount} a unit compared with {base}",
        "costs_more": "{alt} costs {amount} more a unit than {base}",
        "same": "{alt} costs the same per unit as {base}",
        "saves_total": "{alt} saves {amount} over {years} compared with {base}",
        "costs_more_total": "{alt} costs {amount} more over {years} than {base}",
        "same_total": "{alt} costs the same over {years} as {base}",
        "years": "{n} years", "year": "1 year",
        "a_year": "{amount} a year at {units} units",
        "landed_unit": "Landed cost per unit: {name}", "landed_year": "Landed cost a year: {name}",
        "cheapest": "Cheapest: {name}.",
        "tco_total": "{side} total over {years}", "tco_unit": "{side} cost per unit, on average",
        "tco_share": "{pct} of the offshore total.",
        "per_worker": "{amount} a worker a year",
        "labor_detail": "{total} a year for {n} workers; {burden} above the base wage.",
        "monthly_worker": "Monthly cost per worker", "annual_total": "Annual cost, all workers",
        "productive_hour": "Cost per productive hour", "annual_worker": "Annual cost per worker",
        "rvc": "RVC {rvc} of the {basis}: {verdict} (the rule asks for {threshold})",
        "qualifies": "qualifies", "fails": "does not qualify",
        "margin": "Margin over the threshold", "points": "{n} points",
        "max_vnm": "Largest non-originating value that still qualifies", "headroom": "Room left for non-originating value",
        "same_currency": "Values are in the currency you typed them in.",
        "vat": "VAT certification frees {cash} of cash and saves {saving} a year in financing",
        "vat_detail": "VAT at {rate} on the temporary imports: {annual} a year.",
        "vat_tied": "Cash tied up without certification", "vat_cost": "Its financing cost a year",
        "art_2_5": "Duty payable under USMCA article 2.5 a year",
        "transit": "{origin} → {destination} by {mode}: {low}–{high} days door to door",
        "transit_option": "By {mode}",
        "days": "{low}–{high} days",
        "fx": "Exchange rate (an assumption): {rate} MXN per USD — {source}.",
        "fx_given": "as given", "fx_from": "{source}, in force from {start}",
        "fx_none_usd": "No exchange rate on file: figures in USD only.",
        "fx_none_mxn": "Figures in MXN only: type an exchange rate (MXN per USD) under More options for USD.",
        "as_of": "Rates in force on {date}.",
        "notice": "Latest rates on file used past their end date: see the notes below.",
        "title": "Result",
    },
    "es": {
        "saves": "{alt} ahorra {amount} por unidad frente a {base}",
        "costs_more": "{alt} cuesta {amount} más por unidad que {base}",
        "same": "{alt} cuesta lo mismo por unidad que {base}",
        "saves_total": "{alt} ahorra {amount} en {years} frente a {base}",
        "costs_more_total": "{alt} cuesta {amount} más en {years} que {base}",
        "same_total": "{alt} cuesta lo mismo en {years} que {base}",
        "years": "{n} años", "year": "1 año",
        "a_year": "{amount} al año con {units} unidades",
        "landed_unit": "Costo puesto por unidad: {name}", "landed_year": "Costo puesto al año: {name}",
        "cheapest": "Más barato: {name}.",
        "tco_total": "Total {side} en {years}", "tco_unit": "Costo promedio por unidad {side}",
        "tco_share": "{pct} del total en Asia.",
        "per_worker": "{amount} por trabajador al año",
        "labor_detail": "{total} al año por {n} trabajadores; {burden} sobre el salario base.",
        "monthly_worker": "Costo mensual por trabajador", "annual_total": "Costo anual, todos los trabajadores",
        "productive_hour": "Costo por hora productiva", "annual_worker": "Costo anual por trabajador",
        "rvc": "VCR {rvc} del {basis}: {verdict} (la regla pide {threshold})",
        "qualifies": "califica", "fails": "no califica",
        "margin": "Margen sobre el umbral", "points": "{n} puntos",
        "max_vnm": "Valor no originario máximo que aún califica", "headroom": "Margen para valor no originario",
        "same_currency": "Los valores están en la moneda en que los escribió.",
        "vat": "La certificación de IVA libera {cash} de efectivo y ahorra {saving} al año en financiamiento",
        "vat_detail": "IVA de {rate} sobre las importaciones temporales: {annual} al año.",
        "vat_tied": "Efectivo retenido sin certificación", "vat_cost": "Su costo financiero al año",
        "art_2_5": "Arancel a pagar según el artículo 2.5 del T-MEC al año",
        "transit": "{origin} → {destination} por {mode}: {low}–{high} días puerta a puerta",
        "transit_option": "Por {mode}",
        "days": "{low}–{high} días",
        "fx": "Tipo de cambio (un supuesto): {rate} MXN por USD — {source}.",
        "fx_given": "el indicado", "fx_from": "{source}, vigente desde {start}",
        "fx_none_usd": "No hay tipo de cambio registrado: cifras solo en USD.",
        "fx_none_mxn": "Cifras solo en MXN: indique un tipo de cambio (MXN por USD) en Más opciones para ver USD.",
        "as_of": "Tasas vigentes al {date}.",
        "notice": "Se usaron las tasas más recientes registradas después de su fecha final: vea las notas.",
        "title": "Resultado",
    },
}
_SIDES = {"en": {"offshore": "Offshore", "nearshore": "Nearshore"}, "es": {"offshore": "en Asia", "nearshore": "en México"}}
_RVC_BASIS = {"en": {"transaction_value": "transaction value", "net_cost": "net cost"},
              "es": {"transaction_value": "valor de transacción", "net_cost": "costo neto"}}


@dataclass(frozen=True)
class ExchangeRate:
    """MXN per USD and where it comes from (the calculator's input, or a dated table row)."""

    mxn_per_usd: float
    source: str
    effective_from: date | str | None = None
    notice: str = ""  # the table's "latest on file" sentence, when the result's date is past the table's end


@dataclass(frozen=True)
class Figure:
    """One key figure: money in USD and/or MXN (the first given is the main one), or a plain text value."""

    label: str
    usd: float | None = None
    mxn: float | None = None
    text: str = ""
    mxn_first: bool = False


@dataclass
class Card:
    title: str
    headline: str
    detail: str = ""
    figures: list[Figure] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # exchange rate, date of the rates, notices


def exchange_rate(result: dict[str, Any], rates: Any = None) -> ExchangeRate | None:
    """The MXN-per-USD rate for the card: the one the calculator used, else the ``mxn_per_usd`` table's row in force
    on the result's date (``rates``: a :class:`~assistant.calculators.rates.RateBook`), else ``None``."""
    for a in result.get("assumptions") or []:
        if a.get("unit") == FX_UNIT and isinstance(a.get("value"), (int, float)) and a.get("name", "").startswith("Exchange rate"):
            return ExchangeRate(float(a["value"]), "" if a.get("source") == "input" else str(a.get("source") or ""),
                                a.get("effective_from"))
    table = getattr(rates, "tables", {}).get(FX_TABLE) if rates is not None else None
    if table is None or not result.get("as_of"):
        return None
    notices: list[str] = []
    try:
        row = table.get(date.fromisoformat(str(result["as_of"])), notices=notices)
    except Exception:  # noqa: BLE001 — no row for that date: no rate, said on the card
        return None
    return ExchangeRate(float(row.value), row.source_title, row.effective_from, " ".join(notices))


def usd(amount: float) -> str:
    return f"USD {money_text(amount)}"


def mxn(amount: float) -> str:
    return f"MXN {money_text(amount)}"


def to_mxn(amount_usd: float, fx: ExchangeRate | None) -> float | None:
    return None if fx is None else round(amount_usd * fx.mxn_per_usd + 0.0, 2)


def difference_words(alt: str, base: str, difference: float, lang: str = "en", *, years: int | None = None) -> str:
    """The sign of a difference in words: 'B saves USD 1.20 a unit compared with A' (``difference`` = B − A, negative =
    cheaper); with ``years``, over the period instead of a unit."""
    t = TEXTS[lang]
    suffix = "" if years is None else "_total"
    period = {} if years is None else {"years": t["year"] if years == 1 else t["years"].format(n=years)}
    cents = round(abs(difference), 2)
    key = "same" if cents == 0 else "saves" if difference < 0 else "costs_more"
    return t[key + suffix].format(alt=alt, base=base, amount=usd(cents), **period)


def _usd_figure(label: str, amount: float | None, fx: ExchangeRate | None) -> Figure:
    return Figure(label, usd=amount, mxn=None if amount is None else to_mxn(amount, fx))


def _landed(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    alt, base = r["alternative_scenario"], r["baseline_scenario"]
    headline = difference_words(alt, base, r["difference_per_unit_usd"], lang)
    detail = t["a_year"].format(amount=usd(abs(r["difference_annual_usd"])), units=typed_text(r["annual_units"]))
    if round(r["difference_per_unit_usd"], 2) == 0:
        detail = ""
    figures = [_usd_figure(t["landed_unit"].format(name=s["name"]), s["landed_cost_per_unit_usd"], fx)
               for s in r["scenarios"]]
    figures += [_usd_figure(t["landed_year"].format(name=s["name"]), s["annual_landed_cost_usd"], fx)
                for s in r["scenarios"]]
    others = [difference_words(c["scenario"], c["baseline"], c["difference_per_unit_usd"], lang)
              for c in r["comparisons"][1:]]
    if len(r["scenarios"]) > 2:
        others.append(t["cheapest"].format(name=r["cheapest_scenario"]))
    return Card("", headline, " ".join(x for x in [detail + ("." if detail else ""), *others] if x), figures)


def _tco(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    sides = _SIDES[lang]
    years = r["years"]
    headline = difference_words(sides["nearshore"], sides["offshore"].lower() if lang == "en" else sides["offshore"],
                                r["difference_usd"], lang, years=years)
    period = t["year"] if years == 1 else t["years"].format(n=years)
    figures = [_usd_figure(t["tco_total"].format(side=sides[s], years=period), r[f"{s}_total_usd"], fx)
               for s in ("offshore", "nearshore")]
    units = inputs.get("annual_units")
    if units:
        figures += [_usd_figure(t["tco_unit"].format(side=sides[s]), round(r[f"{s}_total_usd"] / (units * years), 2), fx)
                    for s in ("offshore", "nearshore")]
    return Card("", headline, t["tco_share"].format(pct=percent_text(abs(r["savings_pct"]))), figures)


def _labor(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    def money(key: str) -> Figure:
        own = r.get(key.replace("_mxn", "_usd"))
        converted = None if fx is None else round(r[key] / fx.mxn_per_usd, 2)
        return Figure("", usd=own if own is not None else converted, mxn=r[key], mxn_first=True)

    def labelled(label: str, key: str) -> Figure:
        f = money(key)
        return Figure(label, usd=f.usd, mxn=f.mxn, mxn_first=True)

    per_worker = money("annual_cost_per_worker_mxn")
    headline = t["per_worker"].format(amount=_amounts(per_worker))
    detail = t["labor_detail"].format(total=mxn(r["annual_cost_total_mxn"]), n=typed_text(r["headcount"]),
                                      burden=percent_text(r["burden_pct"]))
    figures = [labelled(t["annual_worker"], "annual_cost_per_worker_mxn"),
               labelled(t["monthly_worker"], "monthly_cost_per_worker_mxn"),
               labelled(t["annual_total"], "annual_cost_total_mxn"),
               labelled(t["productive_hour"], "cost_per_productive_hour_mxn")]
    return Card("", headline, detail, figures)


def _rvc(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    headline = t["rvc"].format(rvc=percent_text(r["rvc_pct"]), basis=_RVC_BASIS[lang].get(r["method"], r["method"]),
                               verdict=t["qualifies"] if r["qualifies"] else t["fails"],
                               threshold=percent_text(r["threshold_pct"]))
    figures = [Figure(t["margin"], text=t["points"].format(n=f"{r['margin_pts']:+,.2f}")),
               Figure(t["max_vnm"], text=money_text(r["max_vnm_to_qualify"])),
               Figure(t["headroom"], text=money_text(r["vnm_headroom"]))]
    return Card("", headline, t["same_currency"], figures)


def _vat(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    freed = r["cash_tied_up_uncertified_usd"] - r["cash_tied_up_certified_usd"]
    headline = t["vat"].format(cash=usd(freed), saving=usd(r["certification_saving_usd"]))
    rate = percent_text(r["vat_rate_pct"])
    detail = t["vat_detail"].format(rate=rate, annual=usd(r["annual_vat_usd"]))
    figures = [_usd_figure(t["vat_tied"], r["cash_tied_up_uncertified_usd"], fx),
               _usd_figure(t["vat_cost"], r["annual_financing_cost_uncertified_usd"], fx),
               _usd_figure(t["art_2_5"], r["art_2_5_payable_usd"], fx)]
    return Card("", headline, detail, figures)


def _transit(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    def words(mode: str) -> str:
        return mode.replace("_", " + ")

    headline = t["transit"].format(origin=r["origin"], destination=r["destination"], mode=words(r["mode"]),
                                   low=f"{r['min_days']:g}", high=f"{r['max_days']:g}")
    figures = [Figure(t["transit_option"].format(mode=words(o["mode"])),
                      text=t["days"].format(low=f"{o['min_days']:g}", high=f"{o['max_days']:g}"))
               for o in r.get("options") or []]
    return Card("", headline, "", figures)


def _generic(r: dict, inputs: dict, fx: ExchangeRate | None, t: dict, lang: str, bases: dict) -> Card:
    return Card("", str(r.get("message") or t["title"]), "", [])


_BUILDERS: dict[str, Callable[..., Card]] = {
    "landed_cost_compare": _landed, "tco_compare": _tco, "mexico_labor_cost": _labor, "usmca_rvc": _rvc,
    "immex_vat_cashflow": _vat, "transit_time": _transit,
}
_HAS_USD = {"landed_cost_compare", "tco_compare", "immex_vat_cashflow"}


def result_card(name: str, result: dict[str, Any], inputs: dict[str, Any] | None = None, *, lang: str = "en",
                rates: Any = None, bases: dict[str, str] | None = None, title: str | None = None) -> Card:
    """The card of one calculator's result. ``inputs``: the arguments used (per-unit figures need them);
    ``rates``: the rate tables, for an exchange rate on file; ``title``: the calculator's name as shown."""
    t = TEXTS[lang if lang in TEXTS else "en"]
    fx = exchange_rate(result, rates)
    card = _BUILDERS.get(name, _generic)(result, inputs or {}, fx, t, lang, bases or {})
    card.title = title or humanize(name)
    if fx is not None and (name in _HAS_USD or name == "mexico_labor_cost"):
        source = t["fx_given"] if not fx.source else (
            t["fx_from"].format(source=fx.source, start=fx.effective_from) if fx.effective_from else fx.source)
        rate = f"{fx.mxn_per_usd:,.2f}" if round(fx.mxn_per_usd, 2) == fx.mxn_per_usd else f"{fx.mxn_per_usd:,.4f}"
        card.footnotes.append(t["fx"].format(rate=rate, source=source))
        if fx.notice:
            card.footnotes.append(fx.notice)
    elif name in _HAS_USD:
        card.footnotes.append(t["fx_none_usd"])
    elif name == "mexico_labor_cost":
        card.footnotes.append(t["fx_none_mxn"])
    if result.get("as_of"):
        card.footnotes.append(t["as_of"].format(date=result["as_of"]))
    if result.get("notices"):
        card.footnotes.append(t["notice"])
    return card


def _amounts(f: Figure) -> str:
    """'USD 13.33 (MXN 246.61)': the main currency first, the other in brackets when known."""
    parts = [mxn(f.mxn) if f.mxn is not None else None, usd(f.usd) if f.usd is not None else None]
    main, other = (parts if f.mxn_first else parts[::-1])
    if main is None:
        main, other = other, None
    return f"{main} ({other})" if other else (main or "")


def card_html(card: Card, elem_id: str = "") -> str:
    """The card as HTML: title, headline, detail, the figures (main currency, the other beneath), footnotes."""
    figures = []
    for f in card.figures:
        if f.text:
            value = f'<span class="rc-main">{h(f.text)}</span>'
        else:
            main, other = (f.mxn, f.usd) if f.mxn_first else (f.usd, f.mxn)
            fmt_main, fmt_other = (mxn, usd) if f.mxn_first else (usd, mxn)
            if main is None:
                main, other, fmt_main = other, None, fmt_other
            value = f'<span class="rc-main">{h(fmt_main(main))}</span>' + (
                f' <span class="rc-alt">{h(fmt_other(other))}</span>' if other is not None else "")
        figures.append(f'<div class="rc-figure"><dt>{h(f.label)}</dt><dd>{value}</dd></div>')
    id_attr = f' id="{h(elem_id)}"' if elem_id else ""
    return (f'<section class="result-card"{id_attr} aria-live="polite">'
            f'<p class="rc-title">{h(card.title)}</p>'
            f'<p class="rc-headline">{h(card.headline)}</p>'
            + (f'<p class="rc-detail">{h(card.detail)}</p>' if card.detail else "")
            + (f'<dl class="rc-figures">{"".join(figures)}</dl>' if figures else "")
            + "".join(f'<p class="rc-foot">{h(n)}</p>' for n in card.footnotes)
            + "</section>")


CARD_CSS = """
.result-card { border: 1px solid var(--border-color-primary); border-left: 5px solid var(--color-accent);
  border-radius: 10px; padding: 0.9rem 1.1rem; background: var(--background-fill-secondary); }
.result-card p { margin: 0.15rem 0; }
.result-card .rc-title { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--body-text-color-subdued); }
.result-card .rc-headline { font-size: 1.4rem; font-weight: 700; line-height: 1.3; }
.result-card .rc-detail { font-size: 1rem; }
.result-card .rc-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  gap: 0.5rem 1rem; margin: 0.7rem 0; }
.result-card dt { font-size: 0.85rem; color: var(--body-text-color-subdued); }
.result-card dd { margin: 0; }
.result-card .rc-main { font-size: 1.1rem; font-weight: 600; }
.result-card .rc-alt { display: block; font-size: 0.9rem; color: var(--body-text-color-subdued); }
.result-card .rc-foot { font-size: 0.85rem; color: var(--body-text-color-subdued); }
@media (max-width: 640px) { .result-card .rc-headline { font-size: 1.2rem; } }
"""
