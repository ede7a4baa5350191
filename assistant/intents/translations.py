"""The texts the calculators emit — notes, assumption names, units, sources — as a visitor reads them: in plain
English (no input field names) or in Spanish.

Each known text has one pattern here (EN → ES); a text no pattern knows is shown as it is, with any field name
(``mxn_per_usd``) spelled out in words. ``tests/test_calculator_dialogue.py`` runs the calculators over their
inputs and checks that every note and assumption they emit is covered.
"""

from __future__ import annotations

import re

from assistant.models import Language as Lang

_ZONES_ES = {"general zone": "zona general", "northern border free zone": "zona libre de la frontera norte"}
_MODES_ES = {"ocean + rail": "marítimo + ferrocarril", "ocean + truck": "marítimo + camión", "truck": "camión",
             "rail": "ferrocarril", "air": "aéreo", "ocean": "marítimo"}
_LAYERS_ES = {"Section 301": "Sección 301", "Section 232": "Sección 232", "General duty": "arancel general", "Tariff": "arancel"}
_METHODS_ES = {"transaction-value method": "método de valor de transacción", "net-cost method": "método de costo neto"}
_IMSS_ES = {
    "Sickness & maternity, fixed quota (cuota fija)": "Enfermedades y maternidad, cuota fija",
    "Sickness & maternity, surplus over 3 UMA (excedente)": "Enfermedades y maternidad, excedente de 3 UMA",
    "Sickness & maternity, cash benefits (prestaciones en dinero)": "Enfermedades y maternidad, prestaciones en dinero",
    "Sickness & maternity, pensioners' medical (gastos médicos pensionados)": "Enfermedades y maternidad, gastos médicos de pensionados",
    "Disability & life (invalidez y vida)": "Invalidez y vida",
    "Day care (guarderías y prestaciones sociales)": "Guarderías y prestaciones sociales",
    "Retirement (retiro, SAR)": "Retiro (SAR)",
    "Old age, worker share (cesantía en edad avanzada y vejez)": "Cesantía en edad avanzada y vejez, cuota obrera",
}


def _imss(label: str) -> str:
    return _IMSS_ES.get(label, label)


_NAMES_ES: list[tuple[str, object]] = [
    (r"Minimum wage \((.+)\)", lambda m: f"Salario mínimo ({_ZONES_ES.get(m[1], m[1])})"),
    (r"UMA \(daily\)", "UMA (diaria)"),
    (r"Vacation days in year of service (\d+)", r"Días de vacaciones en el año de servicio \1"),
    (r"Statutory holidays counted", "Días de descanso obligatorio considerados"),
    (r"Aguinaldo days", "Días de aguinaldo"),
    (r"Vacation premium", "Prima vacacional"),
    (r"IMSS employer: (.+)", lambda m: f"IMSS, cuota patronal: {_imss(m[1])}"),
    (r"IMSS worker share paid by the employer: (.+)", lambda m: f"Cuota obrera IMSS pagada por el patrón: {_imss(m[1])}"),
    (r"Cesantía y vejez employer rate, band (.+)", lambda m: f"Cesantía y vejez, cuota patronal, rango {m[1].replace(' and up', ' y más')}"),
    (r"Work-risk premium, class (\w+) average", r"Prima de riesgo de trabajo, promedio de la clase \1"),
    (r"Work-risk premium \(company rate\)", "Prima de riesgo de trabajo (tasa de la empresa)"),
    (r"INFONAVIT employer", "INFONAVIT, aportación patronal"),
    (r"State payroll tax \((.+)\)", r"Impuesto sobre nómina estatal (\1)"),
    (r"PTU share of taxable profit", "PTU, porcentaje de la utilidad gravable"),
    (r"Ordinary hours per week", "Horas ordinarias por semana"),
    (r"Working days per week", "Días laborables por semana"),
    (r"Exchange rate", "Tipo de cambio"),
    (r"Exchange rate \(latest on file\)", "Tipo de cambio (el más reciente en archivo)"),
    (r"Exchange rate, year 1", "Tipo de cambio, año 1"),
    (r"Exchange-rate change", "Variación del tipo de cambio"),
    (r"Cost of capital", "Costo de capital"),
    (r"Direct labor hours per unit", "Horas de mano de obra directa por unidad"),
    (r"Discount rate", "Tasa de descuento"),
    (r"Duty layer '(.+)' \((.+)\)", lambda m: f"Arancel '{_LAYERS_ES.get(m[1], m[1])}' ({m[2]})"),
    (r"Harbor Maintenance Fee \(ocean\)", "Harbor Maintenance Fee (HMF, marítimo)"),
    (r"Inventory carrying rate \(rule of thumb 20-30% a year\)", "Costo de mantener inventario (regla práctica: 20-30% al año)"),
    (r"Inventory carrying rate \((.+)\)", r"Costo de mantener inventario (\1)"),
    (r"MPF rate", "Tasa MPF"),
    (r"MPF minimum per entry", "MPF mínimo por entrada"),
    (r"MPF maximum per entry", "MPF máximo por entrada"),
    (r"Mexican VAT rate on temporary imports", "Tasa de IVA en importaciones temporales"),
    (r"VAT credit for certified companies", "Crédito de IVA para empresas certificadas"),
    (r"Mexican general import duty on them", "Arancel general mexicano (IGI) sobre esos insumos"),
    (r"Non-originating inputs in goods exported to the US/Canada", "Insumos no originarios en bienes exportados a EE. UU. o Canadá"),
    (r"US duty paid on the finished goods", "Arancel de EE. UU. pagado por los bienes terminados"),
    (r"PROSEC rate", "Tasa PROSEC"),
    (r"Months until uncertified VAT is recovered.*", ("Meses hasta recuperar el IVA sin certificación (declaración mensual y "
                                                      "devolución en 40 días hábiles, CFF art. 22)")),
    (r"Mexican labor cost growth", "Crecimiento del costo laboral en México"),
    (r"Offshore price change", "Variación anual del precio en Asia"),
    (r"Nearshore price change", "Variación anual del precio en México"),
    (r"RVC threshold \(product-specific rule\)", "Umbral de VCR (regla específica del producto)"),
    (r"Typical RVC threshold, (.+)", lambda m: f"Umbral típico de VCR, {_METHODS_ES.get(m[1], m[1])}"),
    (r"Transit days \((.+?)\): none given and no destination to look them up",
     r"Días de tránsito (\1): no se indicaron y no hay destino para consultarlos"),
    (r"Transit days \((.+?): (.+) → (.+), (.+)\), midpoint (.+)",
     lambda m: f"Días de tránsito ({m[1]}: {m[2]} → {m[3]}, {_MODES_ES.get(m[4], m[4])}), punto medio {m[5]}"),
    (r"Transit days \((.+)\)", r"Días de tránsito (\1)"),
    (r"Transit (.+) → (.+), (.+)", lambda m: f"Tránsito {m[1]} → {m[2]}, {_MODES_ES.get(m[3], m[3])}"),
]

_UNITS_ES = {
    "MXN per USD": "MXN por USD", "MXN per day": "MXN por día", "USD a year": "USD al año", "USD per entry": "USD por entrada",
    "USD": "USD", "days": "días", "days door to door": "días puerta a puerta", "days of salary per year": "días de salario al año",
    "days per year": "días al año", "hours": "horas", "months": "meses", "percent": "por ciento",
    "percent a year": "por ciento al año", "percent of cargo value": "por ciento del valor de la carga",
    "percent of entered value": "por ciento del valor declarado", "percent of taxable profit": "por ciento de la utilidad gravable",
    "percent of the import VAT": "por ciento del IVA de importación", "percent of vacation pay": "por ciento del pago de vacaciones",
}

_PAYROLL_NOTES_ES: list[tuple[str, object]] = [
    (r"UNVERIFIED: check the state's Ley de Hacienda before relying on it\.",
     "SIN VERIFICAR: revise la Ley de Hacienda del estado antes de usarlo."),
    (r"Reported for (\d+); assumed unchanged since (\S+?) \(not verified for (\d+)\)\.",
     r"Reportado para \1; se supone sin cambios desde \2 (no verificado para \3)."),
    (r"Reported for (\d+); assumed unchanged since (\S+?)\.", r"Reportado para \1; se supone sin cambios desde \2."),
]

# (pattern, plain English or None to keep the note, Spanish)
_NOTES: list[tuple[str, object, object]] = [
    (r"The integrated wage ([\d,.]+) is above the cap of 25 UMA \(([\d,.]+)\); IMSS and INFONAVIT are charged on the cap\.", None,
     r"El salario integrado de \1 supera el tope de 25 UMA (\2); las cuotas IMSS e INFONAVIT se calculan sobre el tope."),
    (r"Work-risk class (\w+) assumed \(the default\); the class follows the company's activity\.", None,
     r"Se supone la clase de riesgo de trabajo \1 (valor por defecto); la clase depende de la actividad de la empresa."),
    (r"Payroll tax (.+?): (.+)", None, lambda m: f"Impuesto sobre nómina {m[1]}: {_sub(_PAYROLL_NOTES_ES, m[2])}"),
    (r"PTU capped at MXN ([\d,.]+) per worker \(greater of 3 months' wage and the 3-year average\)\.", None,
     r"PTU topada en MXN \1 por trabajador (el mayor entre 3 meses de salario y el promedio de los últimos 3 años)."),
    (r"Give mxn_per_usd for the figures in US dollars\.",
     "Figures are in pesos: tell me an exchange rate (pesos per US dollar) to see them in US dollars as well.",
     "Cifras en pesos: indíqueme un tipo de cambio (pesos por dólar) para verlas también en dólares."),
    (r"Minimum-wage worker: the employer also pays the worker's IMSS share \(LSS art\. 36\)\.", None,
     "Trabajador con salario mínimo: el patrón también paga la cuota obrera del IMSS (LSS art. 36)."),
    (r"The threshold is the typical one for the method; check the product-specific rule for your HTS heading\.", None,
     "El umbral es el típico del método; revise la regla específica de origen de la fracción arancelaria (HTS) de su producto."),
    ((r"Every shipment is treated as one formal entry; Mexican-side costs \(export clearance, IMMEX\) are not included unless "
     r"they are in the unit price\."), None,
     ("Cada embarque se trata como una entrada formal; los costos del lado mexicano (despacho de exportación, IMMEX) no se "
     "incluyen salvo que estén en el precio unitario.")),
    (r"Fees and duty rates are held at the as_of date for every year; categories left at 0 were not given\.",
     "Fees and duty rates are held at the rates in force on the calculation date for every year; categories left at 0 were not given.",
     ("Las cuotas y tasas arancelarias se mantienen todos los años en las vigentes a la fecha del cálculo; las categorías en 0 "
     "no se indicaron.")),
    ((r"Wage zone: general zone assumed for (.+?); its municipalities on the US border are in the northern border free "
      r"zone and pay the border minimum wage: give the city or the zone\."), None,
     (r"Zona salarial: se supone la zona general para \1; sus municipios en la frontera con EE. UU. están en la zona libre "
      r"de la frontera norte y pagan el salario mínimo fronterizo: indique la ciudad o la zona.")),
    (r"Wage zone: (general zone|northern border free zone), from the place \((.+?)\)\.", None,
     lambda m: f"Zona salarial: {_ZONES_ES[m[1]]}, por la ciudad ({m[2]})."),
    (r"Wage zone: northern border free zone, from the state \(all of (.+?) is in it\)\.", None,
     r"Zona salarial: zona libre de la frontera norte, por el estado (todo \1 está en ella)."),
    ((r"The 40-hour week reform \(DOF 3 March 2026\) lowers the ordinary week to (\d+) hours in (\d+): give the weekly "
      r"hours the plant will work \(([\d.]+) were used\)\."), None,
     (r"La reforma de la semana de 40 horas (DOF 3 de marzo de 2026) reduce la jornada ordinaria a \1 horas semanales en "
      r"\2: indique las horas semanales que trabajará la planta (se usaron \3).")),
    (r"Planning estimates, not carrier quotes: border waits, port congestion and rail dwell vary\.", None,
     ("Estimaciones de planeación, no cotizaciones de transportistas: las esperas en la frontera, la congestión en puertos y "
     "los tiempos de espera en ferrocarril varían.")),
    ((r"Certification itself has costs and requirements \(not modelled\); uncertified companies may post a guarantee instead "
     r"of paying the VAT\."), None,
     ("La certificación tiene costos y requisitos propios (no modelados); las empresas sin certificación pueden otorgar una "
     "garantía en lugar de pagar el IVA.")),
]

_FIELD = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_UNIT_WORDS = {"usd": "in USD", "mxn": "in MXN", "pct": "(percent)"}


def spell_field(name: str) -> str:
    """A field name in words: 'payroll_tax_rate_pct' → 'payroll tax rate (percent)'."""
    words = name.split("_")
    unit = _UNIT_WORDS.get(words[-1]) if len(words) > 1 else None
    return " ".join(words[:-1] + [unit]) if unit else " ".join(words)


def no_field_names(text: str) -> str:
    """Any snake_case field name in ``text`` spelled out in words."""
    return _FIELD.sub(lambda m: spell_field(m.group(0)), text)


def _sub(patterns: list[tuple[str, object]], text: str) -> str | None:
    for pattern, replacement in patterns:
        m = re.fullmatch(pattern, text)
        if m:
            return replacement(m) if callable(replacement) else m.expand(replacement)
    return None


def known_note(note: str) -> bool:
    return any(re.fullmatch(p, note) for p, _, _ in _NOTES)


def note_text(note: str, lang: Lang) -> str:
    """A calculator note in plain words, in the visitor's language."""
    for pattern, en, es in _NOTES:
        m = re.fullmatch(pattern, note)
        if m:
            out = en if lang == "en" else es
            if out is None:
                return note
            return out(m) if callable(out) else m.expand(out)
    return no_field_names(note)


def name_text(name: str, lang: Lang) -> str:
    """An assumption's name in the visitor's language."""
    return name if lang == "en" else (_sub(_NAMES_ES, name) or name)


def known_name(name: str) -> bool:
    return _sub(_NAMES_ES, name) is not None


def unit_text(unit: str, lang: Lang) -> str:
    return unit if lang == "en" else _UNITS_ES.get(unit, unit)


def mode_text(mode: str, lang: Lang) -> str:
    return mode if lang == "en" else _MODES_ES.get(mode, mode)


_FLAGS = ((r"UNVERIFIED", "unverified", "sin verificar"), (r"Derived, not an official", "derived, not official", "derivado, no oficial"),
          (r"Planning estimate", "planning estimate", "estimación de planeación"))


def source_text(source: str, lang: Lang) -> str:
    """Where an assumption comes from, short: its address with any caveat of its title ('unverified', 'derived'),
    or whether the visitor gave it or it is the calculator's default."""
    idx = 1 if lang == "en" else 2
    if source == "input":
        return "as given" if lang == "en" else "dato indicado"
    if source.startswith("calculator default"):
        return "calculator default" if lang == "en" else "valor por defecto de la calculadora"
    url = re.search(r"https?://\S+$", source)
    flags = [flag[idx] for flag in _FLAGS if re.search(flag[0], source)]
    return "; ".join([*flags, url.group(0) if url else source])
