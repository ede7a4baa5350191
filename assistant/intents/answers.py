"""The body of each calculator's answer, in English or Spanish: a short headline with the key figures, and a
compact breakdown.

Every function takes the calculator's result (JSON-ready), the arguments it ran with and the language, and
returns ``(headline lines, breakdown lines)``; :func:`assistant.intents.wording.render_answer` adds what was
assumed, the pointer to the Calculators tab, the notes and the assumptions with their sources.
"""

from __future__ import annotations

from typing import Any

from assistant.calculators.formatting import money as _m
from assistant.calculators.formatting import percent as _p
from assistant.calculators.formatting import plain_number as _n
from assistant.models import Language as Lang

Body = tuple[list[str], list[str]]

_LABOR_GROUPS = (("Base wage", "wage"), ("Aguinaldo", "benefits"), ("Vacation", "benefits"), ("IMSS worker", "worker"),
                 ("IMSS:", "imss"), ("INFONAVIT", "infonavit"), ("State payroll", "payroll"), ("Profit", "ptu"), ("", "other"))
_LABOR_GROUP_NAMES = {
    "wage": ("base wage (365 paid days)", "salario base (365 días pagados)"),
    "benefits": ("aguinaldo and vacation premium", "aguinaldo y prima vacacional"),
    "imss": ("IMSS employer contributions", "cuotas patronales IMSS"),
    "worker": ("IMSS worker share paid by the employer", "cuota obrera IMSS pagada por el patrón"),
    "infonavit": ("INFONAVIT (5%)", "INFONAVIT (5%)"),
    "payroll": ("state payroll tax", "impuesto sobre nómina estatal"),
    "ptu": ("profit sharing (PTU)", "reparto de utilidades (PTU)"),
    "other": ("other", "otros"),
}


def labor_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    zone = {"general": ("general zone", "zona general"), "border": ("northern border zone", "zona libre de la frontera norte")}[r["zone"]]
    idx = 0 if lang == "en" else 1
    z = zone[idx]
    n = r["headcount"]
    fx = args.get("mxn_per_usd") if r.get("annual_cost_total_usd") is not None else None
    groups: dict[str, float] = {}
    for line in r["breakdown"]:
        key = next(k for prefix, k in _LABOR_GROUPS if line["item"].startswith(prefix))
        groups[key] = groups.get(key, 0.0) + line["annual_mxn"]
    parts = "; ".join(f"{_LABOR_GROUP_NAMES[key][idx]} MXN {amount:,.2f}" for key, amount in groups.items())
    total, month = f"MXN {r['annual_cost_total_mxn']:,.2f}", f"MXN {r['monthly_cost_total_mxn']:,.2f}"
    if lang == "es":
        money_es = f"{total} al año ({month} al mes)"
        if fx is not None:
            money_es += f"; unos {_m(r['annual_cost_total_usd'])} USD al año a {_n(fx)} MXN por USD"
        usd_worker = f" (unos {_m(r['annual_cost_per_worker_usd'])} USD)" if fx is not None else ""
        head = [f"Costo estimado de {n} trabajador{'es' if n != 1 else ''} en {r['state']} ({z}): {money_es}.",
                f"Por trabajador: MXN {r['annual_cost_per_worker_mxn']:,.2f} al año{usd_worker}; MXN {r['cost_per_paid_hour_mxn']:,.2f} "
                f"por hora pagada y MXN {r['cost_per_productive_hour_mxn']:,.2f} por hora productiva; carga de {_p(r['burden_pct'])} sobre "
                f"el salario base (salario diario MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}); "
                f"{'tasas en archivo para el' if r.get('notices') else 'tasas vigentes al'} {r['as_of']}."]
        return head, [f"Desglose anual por trabajador: {parts}."]
    if fx is not None:
        money_en = f"about {_m(r['annual_cost_total_usd'])} USD a year ({total} a year, {month} a month, at {_n(fx)} MXN per USD)"
    else:
        money_en = f"{total} a year ({month} a month)"
    usd_worker = f" (about {_m(r['annual_cost_per_worker_usd'])} USD)" if fx is not None else ""
    head = [f"Estimated fully burdened cost of {n} worker{'s' if n != 1 else ''} in {r['state']} ({z}): {money_en}.",
            f"Per worker: MXN {r['annual_cost_per_worker_mxn']:,.2f} a year{usd_worker}; MXN {r['cost_per_paid_hour_mxn']:,.2f} per paid "
            f"hour and MXN {r['cost_per_productive_hour_mxn']:,.2f} per productive hour; burden {_p(r['burden_pct'])} over the base wage "
            f"(daily wage MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}); "
            f"{'latest rates on file applied to' if r.get('notices') else 'rates in force on'} {r['as_of']}."]
    return head, [f"Annual breakdown per worker: {parts}."]


def rvc_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    method = {"transaction_value": ("transaction-value method", "método de valor de transacción"),
              "net_cost": ("net-cost method", "método de costo neto")}[r["method"]][0 if lang == "en" else 1]
    if lang == "es":
        verdict = "califica" if r["qualifies"] else "no califica"
        return [f"VCR ({method}): {_p(r['rvc_pct'])} frente a un umbral de {_p(r['threshold_pct'])}: {verdict} "
                f"(margen de {r['margin_pts']:+.2f} puntos).",
                f"Cálculo: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. El VMN máximo que aún califica es "
                f"{_n(r['max_vnm_to_qualify'])}."], []
    verdict = "it qualifies" if r["qualifies"] else "it does not qualify"
    return [f"RVC ({method}): {_p(r['rvc_pct'])} against a {_p(r['threshold_pct'])} threshold, so {verdict} "
            f"(margin {r['margin_pts']:+.2f} points).",
            f"Arithmetic: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. The largest VNM that still qualifies is "
            f"{_n(r['max_vnm_to_qualify'])}."], []


def _scenario_line(s: dict[str, Any], lang: Lang) -> str:
    parts = [("price", "precio", s["unit_price_usd"]),
             ("freight", "flete", s["international_freight_usd"] + s["insurance_usd"] + s["inland_freight_usd"]),
             ("brokerage", "agente aduanal", s["brokerage_usd"]), ("duties", "aranceles", s["duties_usd"]),
             ("MPF", "MPF", s["mpf_usd"]), ("HMF", "HMF", s["hmf_usd"]),
             ("inventory carrying", "costo de inventario", s["inventory_carrying_usd"])]
    shown = ", ".join(f"{en if lang == 'en' else es} {_m(v)}" for en, es, v in parts if v or en == "price")
    if lang == "es":
        return f"- {s['name']}: {_m(s['landed_cost_per_unit_usd'])} por unidad puesto en destino ({_m(s['annual_landed_cost_usd'])} al año) = {shown}"
    return f"- {s['name']}: {_m(s['landed_cost_per_unit_usd'])} per unit landed ({_m(s['annual_landed_cost_usd'])} a year) = {shown}"


def landed_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    head = []
    for c in r["comparisons"]:
        d = c["difference_per_unit_usd"]
        be = c["break_even_unit_price_usd"]
        if lang == "es":
            rel = "más barato" if d < 0 else "más caro"
            text = (f"Puesto en destino, {c['scenario']} resulta {_m(abs(d))} por unidad {rel} que {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} al año).")
            text += f" Precio unitario de equilibrio para {c['scenario']}: {_m(be)}." if be is not None else ""
        else:
            rel = "cheaper" if d < 0 else "more expensive"
            text = (f"Landed, {c['scenario']} is {_m(abs(d))} per unit {rel} than {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} a year).")
            text += f" Break-even unit price for {c['scenario']}: {_m(be)}." if be is not None else ""
        head.append(text)
    title = (f"Landed cost for {r['annual_units']:,} units a year (fees in force on {r['as_of']}):" if lang == "en" else
             f"Costo puesto en destino para {r['annual_units']:,} unidades al año (cuotas vigentes al {r['as_of']}):")
    return head, [title, *(_scenario_line(s, lang) for s in r["scenarios"])]


def _usd_mxn(r: dict[str, Any], field: str) -> str:
    """A VAT result's dollar figure, with its peso equivalent beside it when the result has one."""
    mxn = r.get(field.removesuffix("_usd") + "_mxn")
    return f"{_m(r[field], 'US$')} / MXN {mxn:,.2f}" if mxn is not None else _m(r[field])


def vat_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    months = args.get("months_to_recover", 3)
    imports = _usd_mxn({**r, "annual_temporary_imports_usd": args.get("annual_temporary_imports_usd")},
                       "annual_temporary_imports_usd")
    tied, monthly = _usd_mxn(r, "cash_tied_up_uncertified_usd"), _usd_mxn(r, "monthly_vat_usd")
    cost = _usd_mxn(r, "annual_financing_cost_uncertified_usd")
    art_2_5 = r["art_2_5_duty_general_usd"] or r.get("art_2_5_duty_prosec_usd") is not None
    # an article 2.5 question whose only imports are its non-originating inputs asks about the duty: it leads
    duty_first = art_2_5 and args.get("annual_temporary_imports_usd") == args.get("non_originating_inputs_usd")
    if lang == "es":
        lines = [f"Sin certificación IVA/IEPS, el IVA de {_p(r['vat_rate_pct'])} sobre {imports} de importaciones temporales al año "
                 f"inmoviliza unos {tied} ({_n(months)} meses de IVA a {monthly} al mes), "
                 f"con un costo financiero de {cost} al año. Con la certificación "
                 "(crédito fiscal del 100%) no se inmoviliza efectivo."]
        if art_2_5:
            lines.insert(0 if duty_first else 1,
                         f"Artículo 2.5 del T-MEC: arancel mexicano de {_m(r['art_2_5_duty_general_usd'])} sobre los insumos no originarios, "
                         f"dispensa de {_m(r['art_2_5_waiver_general_usd'])}, a pagar {_m(r['art_2_5_payable_usd'])}.")
        return lines, []
    lines = [f"Without VAT/IEPS certification, {_p(r['vat_rate_pct'])} VAT on {imports} of temporary imports a year ties up about "
             f"{tied} ({_n(months)} months of VAT at {monthly} a month), costing "
             f"{cost} a year. With certification (100% credit) no cash is tied up."]
    if art_2_5:
        lines.insert(0 if duty_first else 1,
                     f"USMCA article 2.5: Mexican duty of {_m(r['art_2_5_duty_general_usd'])} on the non-originating inputs, waiver "
                     f"{_m(r['art_2_5_waiver_general_usd'])}, payable {_m(r['art_2_5_payable_usd'])}.")
    return lines, []


_TCO_CATEGORIES = {"price": "precio", "freight": "flete", "duty_and_fees": "aranceles y cuotas",
                   "inventory_carrying": "costo de inventario", "travel_and_audits": "viajes y auditorías",
                   "quality_and_warranty": "calidad y garantía", "ip_risk": "riesgo de propiedad intelectual",
                   "disruption_and_stockouts": "interrupciones y faltantes"}


def tco_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    off, near = r["offshore_total_usd"], r["nearshore_total_usd"]
    cats = [(cat, value, r["nearshore_by_category_usd"][cat]) for cat, value in r["offshore_by_category_usd"].items()
            if value or r["nearshore_by_category_usd"][cat]]
    if lang == "es":
        who = "México ahorra" if r["savings_usd"] >= 0 else "México cuesta"
        listing = "; ".join(f"{_TCO_CATEGORIES.get(c, c.replace('_', ' '))} {_m(a)} / {_m(b)}" for c, a, b in cats)
        return ([f"Costo total de propiedad a {r['years']} años: Asia {_m(off)} frente a México {_m(near)}; {who} "
                 f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))})."], [f"Por categoría (Asia / México): {listing}."])
    who = "nearshore saves" if r["savings_usd"] >= 0 else "nearshore costs"
    listing = "; ".join(f"{c.replace('_', ' ')} {_m(a)} / {_m(b)}" for c, a, b in cats)
    return ([f"{r['years']}-year total cost of ownership: offshore {_m(off)} vs nearshore {_m(near)}; {who} "
             f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))})."], [f"By category (offshore / nearshore): {listing}."])


MODE_NAMES = {"ocean_rail": ("ocean + rail", "marítimo + ferrocarril"), "ocean_truck": ("ocean + truck", "marítimo + camión"),
              "ocean": ("ocean", "marítimo"), "truck": ("truck", "camión"), "rail": ("rail", "ferrocarril"), "air": ("air", "vía aérea")}


def _lane(r: dict[str, Any], lang: Lang) -> str:
    how = "by" if lang == "en" else "por"
    return f"{r['origin']} → {r['destination']} {how} {MODE_NAMES[r['mode']][0 if lang == 'en' else 1]}"


def _other_modes(r: dict[str, Any], lang: Lang, named: bool = False) -> list[str]:
    idx = 0 if lang == "en" else 1
    others = ", ".join(f"{MODE_NAMES[o['mode']][idx]} {_n(o['min_days'])}–{_n(o['max_days'])}" for o in r["options"] if o["mode"] != r["mode"])
    if not others:
        return []
    where = f" ({r['origin']} → {r['destination']})" if named else ""
    return [f"Other modes{where}: {others}." if lang == "en" else f"Otros modos{where}: {others}."]


def transit_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> Body:
    if lang == "es":
        line = f"{_lane(r, lang)}: {_n(r['min_days'])}–{_n(r['max_days'])} días puerta a puerta (estimación de planeación, no una cotización)."
    else:
        line = f"{_lane(r, lang)}: {_n(r['min_days'])}–{_n(r['max_days'])} days door to door (a planning estimate, not a quote)."
    return [line, *_other_modes(r, lang)], []


def transit_compare_text(results: list[dict[str, Any]], lang: Lang) -> Body:
    """Two or more lanes or modes side by side, and which is fastest."""
    days = "days" if lang == "en" else "días"
    legs = "; ".join(f"{_lane(r, lang)}: {_n(r['min_days'])}–{_n(r['max_days'])} {days}" for r in results)
    fastest = min(results, key=lambda r: (r["max_days"], r["min_days"]))
    if lang == "es":
        head = [f"Tiempo puerta a puerta (estimación de planeación, no una cotización): {legs}.",
                f"La opción más rápida es {_lane(fastest, lang)}."]
    else:
        head = [f"Door-to-door time (planning estimates, not quotes): {legs}.", f"The fastest is {_lane(fastest, lang)}."]
    return head, [line for r in results for line in _other_modes(r, lang, named=True)]
