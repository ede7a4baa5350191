"""The body of each calculator's answer: its headline figures and a short breakdown, in English or Spanish.

Every function takes the calculator's result (JSON-ready), the arguments it ran with and the language, and
returns the answer's lines; :func:`assistant.intents.wording.render_answer` adds the notes and assumptions.
"""

from __future__ import annotations

from typing import Any

from assistant.calculators.formatting import money as _m
from assistant.calculators.formatting import percent as _p
from assistant.calculators.formatting import plain_number as _n
from assistant.models import Language as Lang

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


def labor_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    zone = {"general": ("general zone", "zona general"), "border": ("northern border zone", "zona libre de la frontera norte")}[r["zone"]]
    z = zone[0 if lang == "en" else 1]
    n = r["headcount"]
    usd_total = f" (about {_m(r['annual_cost_total_usd'])} USD)" if r.get("annual_cost_total_usd") is not None else ""
    groups: dict[str, float] = {}
    for line in r["breakdown"]:
        key = next(k for prefix, k in _LABOR_GROUPS if line["item"].startswith(prefix))
        groups[key] = groups.get(key, 0.0) + line["annual_mxn"]
    idx = 0 if lang == "en" else 1
    if lang == "es":
        lines = [
            f"Costo total estimado para {n} trabajador{'es' if n != 1 else ''} en {r['state']} ({z}), tasas vigentes al "
            f"{r['as_of']}: MXN {r['annual_cost_total_mxn']:,.2f} al año (MXN {r['monthly_cost_total_mxn']:,.2f} al mes){usd_total.replace('about', 'unos')}.",
            f"Por trabajador: MXN {r['annual_cost_per_worker_mxn']:,.2f} al año; MXN {r['cost_per_paid_hour_mxn']:,.2f} por hora pagada y "
            f"MXN {r['cost_per_productive_hour_mxn']:,.2f} por hora productiva; carga de {_p(r['burden_pct'])} sobre el salario base "
            f"(salario diario MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}).",
            "Desglose anual por trabajador:",
        ]
    else:
        lines = [
            f"Estimated fully burdened cost for {n} worker{'s' if n != 1 else ''} in {r['state']} ({z}), rates in force on "
            f"{r['as_of']}: MXN {r['annual_cost_total_mxn']:,.2f} a year (MXN {r['monthly_cost_total_mxn']:,.2f} a month){usd_total}.",
            f"Per worker: MXN {r['annual_cost_per_worker_mxn']:,.2f} a year; MXN {r['cost_per_paid_hour_mxn']:,.2f} per paid hour and "
            f"MXN {r['cost_per_productive_hour_mxn']:,.2f} per productive hour; burden {_p(r['burden_pct'])} over the base wage "
            f"(daily wage MXN {r['daily_wage_mxn']:,.2f}, SBC MXN {r['sbc_daily_mxn']:,.2f}).",
            "Annual breakdown per worker:",
        ]
    for key, amount in groups.items():
        lines.append(f"- {_LABOR_GROUP_NAMES[key][idx]}: MXN {amount:,.2f}")
    return lines


def rvc_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    method = {"transaction_value": ("transaction-value method", "método de valor de transacción"),
              "net_cost": ("net-cost method", "método de costo neto")}[r["method"]][0 if lang == "en" else 1]
    if lang == "es":
        verdict = "califica" if r["qualifies"] else "no califica"
        return [f"VCR ({method}): {_p(r['rvc_pct'])} frente a un umbral de {_p(r['threshold_pct'])}: {verdict} "
                f"(margen de {r['margin_pts']:+.2f} puntos).",
                f"Cálculo: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. El VMN máximo que aún califica es "
                f"{_n(r['max_vnm_to_qualify'])}."]
    verdict = "it qualifies" if r["qualifies"] else "it does not qualify"
    return [f"RVC ({method}): {_p(r['rvc_pct'])} against a {_p(r['threshold_pct'])} threshold, so {verdict} "
            f"(margin {r['margin_pts']:+.2f} points).",
            f"Arithmetic: ({_n(r['value'])} − {_n(r['vnm'])}) / {_n(r['value'])} × 100. The largest VNM that still qualifies is "
            f"{_n(r['max_vnm_to_qualify'])}."]


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


def landed_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    lines = [_scenario_line(s, lang) for s in r["scenarios"]]
    for c in r["comparisons"]:
        d = c["difference_per_unit_usd"]
        be = c["break_even_unit_price_usd"]
        if lang == "es":
            rel = "más barato" if d < 0 else "más caro"
            text = (f"{c['scenario']} resulta {_m(abs(d))} por unidad {rel} que {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} al año).")
            text += f" Precio unitario de equilibrio para {c['scenario']}: {_m(be)}." if be is not None else ""
        else:
            rel = "cheaper" if d < 0 else "more expensive"
            text = (f"{c['scenario']} is {_m(abs(d))} per unit {rel} than {c['baseline']} "
                    f"({_m(abs(c['difference_annual_usd']))} a year).")
            text += f" Break-even unit price for {c['scenario']}: {_m(be)}." if be is not None else ""
        lines.append(text)
    head = (f"Landed cost for {r['annual_units']:,} units a year (fees in force on {r['as_of']}):" if lang == "en" else
            f"Costo puesto en destino para {r['annual_units']:,} unidades al año (cuotas vigentes al {r['as_of']}):")
    return [head, *lines]


def vat_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    imports = args.get("annual_temporary_imports_usd")
    months = args.get("months_to_recover", 3)
    if lang == "es":
        lines = [f"Sin certificación IVA/IEPS, el IVA de {_p(r['vat_rate_pct'])} sobre {_m(imports)} de importaciones temporales al año "
                 f"inmoviliza unos {_m(r['cash_tied_up_uncertified_usd'])} ({_n(months)} meses de IVA a {_m(r['monthly_vat_usd'])} al mes), "
                 f"con un costo financiero de {_m(r['annual_financing_cost_uncertified_usd'])} al año. Con la certificación "
                 "(crédito fiscal del 100%) no se inmoviliza efectivo."]
        if r["art_2_5_duty_general_usd"] or r.get("art_2_5_duty_prosec_usd") is not None:
            lines.append(f"Artículo 2.5 del T-MEC: arancel mexicano de {_m(r['art_2_5_duty_general_usd'])} sobre los insumos no originarios, "
                         f"dispensa de {_m(r['art_2_5_waiver_general_usd'])}, a pagar {_m(r['art_2_5_payable_usd'])}.")
        return lines
    lines = [f"Without VAT/IEPS certification, {_p(r['vat_rate_pct'])} VAT on {_m(imports)} of temporary imports a year ties up about "
             f"{_m(r['cash_tied_up_uncertified_usd'])} ({_n(months)} months of VAT at {_m(r['monthly_vat_usd'])} a month), costing "
             f"{_m(r['annual_financing_cost_uncertified_usd'])} a year. With certification (100% credit) no cash is tied up."]
    if r["art_2_5_duty_general_usd"] or r.get("art_2_5_duty_prosec_usd") is not None:
        lines.append(f"USMCA article 2.5: Mexican duty of {_m(r['art_2_5_duty_general_usd'])} on the non-originating inputs, waiver "
                     f"{_m(r['art_2_5_waiver_general_usd'])}, payable {_m(r['art_2_5_payable_usd'])}.")
    return lines


def tco_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    off, near = r["offshore_total_usd"], r["nearshore_total_usd"]
    if lang == "es":
        who = "México ahorra" if r["savings_usd"] >= 0 else "México cuesta"
        lines = [f"Costo total de propiedad a {r['years']} años: Asia {_m(off)} frente a México {_m(near)}; {who} "
                 f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))}).", "Por categoría (Asia / México):"]
    else:
        who = "nearshore saves" if r["savings_usd"] >= 0 else "nearshore costs"
        lines = [f"{r['years']}-year total cost of ownership: offshore {_m(off)} vs nearshore {_m(near)}; {who} "
                 f"{_m(abs(r['savings_usd']))} ({_p(abs(r['savings_pct']))}).", "By category (offshore / nearshore):"]
    for cat, value in r["offshore_by_category_usd"].items():
        other = r["nearshore_by_category_usd"][cat]
        if value or other:
            lines.append(f"- {cat.replace('_', ' ')}: {_m(value)} / {_m(other)}")
    return lines


def transit_text(r: dict[str, Any], args: dict[str, Any], lang: Lang) -> list[str]:
    names = {"ocean_rail": ("ocean + rail", "marítimo + ferrocarril"), "ocean_truck": ("ocean + truck", "marítimo + camión"),
             "truck": ("truck", "camión"), "rail": ("rail", "ferrocarril"), "air": ("air", "aéreo")}
    idx = 0 if lang == "en" else 1
    others = ", ".join(f"{names[o['mode']][idx]} {_n(o['min_days'])}–{_n(o['max_days'])}" for o in r["options"] if o["mode"] != r["mode"])
    if lang == "es":
        line = (f"{r['origin']} → {r['destination']} por {names[r['mode']][idx]}: {_n(r['min_days'])}–{_n(r['max_days'])} días "
                "puerta a puerta (estimación de planeación, no una cotización).")
        return [line] + ([f"Otros modos: {others}."] if others else [])
    line = (f"{r['origin']} → {r['destination']} by {names[r['mode']][idx]}: {_n(r['min_days'])}–{_n(r['max_days'])} days door to door "
            "(a planning estimate, not a quote).")
    return [line] + ([f"Other modes: {others}."] if others else [])
