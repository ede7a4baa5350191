"""Cash tied up by VAT on IMMEX temporary imports, and the USMCA article 2.5 duty exposure
(``immex_vat_cashflow``)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from assistant.calculators.common import CalcInput, CalcResult, calc_date, given, money
from assistant.calculators.rates import RateBook, load_rates

DEFAULT_MONTHS_TO_RECOVER = 3.0
DEFAULT_COST_OF_CAPITAL_PCT = 10.0


class VatCashflowInput(CalcInput):
    """Inputs of :func:`immex_vat_cashflow`."""

    annual_temporary_imports_usd: float = Field(
        gt=0, le=1e11, description="Customs value of goods temporarily imported under IMMEX per year, USD.",
        json_schema_extra={"label_en": "the value of temporary imports a year, in USD",
                           "label_es": "el valor de las importaciones temporales al año, en USD"},
    )
    months_to_recover: float = Field(
        default=DEFAULT_MONTHS_TO_RECOVER, ge=0, le=36,
        description="Months from paying import VAT until it is credited or refunded (without certification).",
    )
    cost_of_capital_pct: float = Field(
        default=DEFAULT_COST_OF_CAPITAL_PCT, ge=0, le=100, description="Annual cost of the cash tied up, percent."
    )
    non_originating_inputs_usd: float = Field(
        default=0, ge=0, le=1e11,
        description="Per year: non-originating inputs (from outside USMCA) in goods exported to the US or Canada, USD.",
    )
    mexican_duty_rate_pct: float = Field(
        default=0, ge=0, le=100, description="Mexican general import duty (IGI) on those inputs, percent."
    )
    prosec_rate_pct: float | None = Field(
        default=None, ge=0, le=100, description="PROSEC sectoral duty rate on those inputs, percent, if the company has PROSEC.",
        json_schema_extra={"when_empty": "no PROSEC"},
    )
    us_duty_on_finished_goods_usd: float = Field(
        default=0, ge=0, le=1e11,
        description="Per year: US duty paid on the finished goods that contain those inputs, USD (0 if they enter "
        "duty-free as USMCA-originating).",
    )
    mxn_per_usd: float | None = Field(
        default=None, ge=5, le=50, description="Exchange rate, MXN per USD; when given, the main figures are also in pesos."
    )
    as_of: date | None = Field(default=None, description="Date whose VAT rate applies.")


class VatCashflowResult(CalcResult):
    vat_rate_pct: float = Field(description="VAT rate, percent of the customs value of the temporary imports.")
    annual_vat_usd: float = Field(description="VAT due on the year's temporary imports.")
    monthly_vat_usd: float
    cash_tied_up_uncertified_usd: float = Field(description="Average VAT paid and not yet recovered, without certification.")
    cash_tied_up_certified_usd: float = Field(description="With VAT/IEPS certification (100% credit): zero.")
    annual_financing_cost_uncertified_usd: float
    annual_financing_cost_certified_usd: float
    certification_saving_usd: float = Field(description="Yearly financing cost avoided by certification.")
    art_2_5_duty_general_usd: float = Field(description="Mexican duty at the general rate on the non-originating inputs.")
    art_2_5_waiver_general_usd: float = Field(description="Part waived: the lesser of that duty and the US duty paid.")
    art_2_5_payable_general_usd: float
    art_2_5_duty_prosec_usd: float | None = None
    art_2_5_waiver_prosec_usd: float | None = None
    art_2_5_payable_prosec_usd: float | None = None
    art_2_5_payable_usd: float = Field(description="Duty payable with the better of the general rate and PROSEC.")
    mxn_per_usd: float | None = Field(default=None, description="The exchange rate given; the *_mxn figures use it.")
    annual_temporary_imports_mxn: float | None = None
    monthly_vat_mxn: float | None = None
    cash_tied_up_uncertified_mxn: float | None = None
    annual_financing_cost_uncertified_mxn: float | None = None


def duty_payable_under_2_5(mexican_duty: float, us_duty_paid: float) -> tuple[float, float]:
    """USMCA art. 2.5: the Mexican duty on non-originating inputs is waived only up to the lesser of that duty
    and the US duty paid on the finished good. Returns (waiver, payable)."""
    waiver = min(mexican_duty, us_duty_paid)
    return waiver, mexican_duty - waiver


def immex_vat_cashflow(inp: VatCashflowInput, rates: RateBook | None = None, *,
                       today: date | None = None) -> VatCashflowResult:
    """Cash tied up by 16% VAT on IMMEX temporary imports with and without VAT/IEPS certification, and the
    USMCA article 2.5 duty exposure on non-originating inputs of goods exported to the US or Canada.

    VAT: annual VAT = imports x 16%. Certified companies (VAT/IEPS certification, ratings A/AA/AAA) get a 100%
    tax credit, so no cash is tied up. Without certification the VAT is paid at import and recovered after
    ``months_to_recover``; with imports spread evenly, the cash tied up is monthly VAT x months, and its yearly
    cost is that balance x cost of capital. The 3-month default reflects a monthly return plus a refund within
    40 business days (CFF art. 22) and is a planning assumption.
    Article 2.5: Mexican duty on the inputs = inputs x general rate (or the PROSEC rate); it is waived only up
    to the lesser of that duty and the US duty paid on the finished good, the rest is payable.

    Args:
        inp: annual_temporary_imports_usd, months_to_recover, cost_of_capital_pct, non_originating_inputs_usd,
            mexican_duty_rate_pct, prosec_rate_pct, us_duty_on_finished_goods_usd, mxn_per_usd and as_of
            (see :class:`VatCashflowInput`).
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of is for (a fixed clock); the system date by default.

    Returns:
        VAT a year and a month, cash tied up and its financing cost with and without certification, the
        saving, the article 2.5 duty, waiver and amount payable (general rate and PROSEC), the main figures in
        pesos too when ``mxn_per_usd`` is given, the assumptions and
        the corpus documents that explain them.
    """
    rates = rates or load_rates()
    as_of, notices = calc_date(inp.as_of, today), []
    vat_row = rates["mx_vat"].get(as_of, item="rate_pct", notices=notices)
    credit_row = rates["mx_vat"].get(as_of, item="certified_credit_pct", notices=notices)
    vat_pct = float(vat_row.value)
    annual_vat = inp.annual_temporary_imports_usd * vat_pct / 100
    monthly_vat = annual_vat / 12
    tied = monthly_vat * inp.months_to_recover
    tied_certified = tied * (1 - float(credit_row.value) / 100)
    financing = tied * inp.cost_of_capital_pct / 100

    duty_general = inp.non_originating_inputs_usd * inp.mexican_duty_rate_pct / 100
    waiver_general, payable_general = duty_payable_under_2_5(duty_general, inp.us_duty_on_finished_goods_usd)
    prosec = {}
    payable = payable_general
    if inp.prosec_rate_pct is not None:
        duty_prosec = inp.non_originating_inputs_usd * inp.prosec_rate_pct / 100
        waiver_prosec, payable_prosec = duty_payable_under_2_5(duty_prosec, inp.us_duty_on_finished_goods_usd)
        prosec = {"art_2_5_duty_prosec_usd": money(duty_prosec), "art_2_5_waiver_prosec_usd": money(waiver_prosec),
                  "art_2_5_payable_prosec_usd": money(payable_prosec)}
        payable = min(payable_general, payable_prosec)

    fields = inp.model_fields_set
    assumptions = [
        vat_row.assumption("Mexican VAT rate on temporary imports"),
        given("Months until uncertified VAT is recovered (monthly return + refund within 40 business days, CFF art. 22)"
              if "months_to_recover" not in fields else "Months until uncertified VAT is recovered",
              inp.months_to_recover, "months", default="months_to_recover" not in fields),
        given("Cost of capital", inp.cost_of_capital_pct, "percent a year", default="cost_of_capital_pct" not in fields),
        credit_row.assumption("VAT credit for certified companies", unit="percent of the import VAT"),
    ]
    doc_ids = ["mexico-vat-temporary-imports", "vat-ieps-certification"]
    if inp.non_originating_inputs_usd > 0:
        assumptions += [
            given("Non-originating inputs in goods exported to the US/Canada", inp.non_originating_inputs_usd, "USD a year"),
            given("Mexican general import duty on them", inp.mexican_duty_rate_pct, "percent"),
            given("US duty paid on the finished goods", inp.us_duty_on_finished_goods_usd, "USD a year"),
        ]
        doc_ids.append("usmca-article-2-5-duty-deferral")
    if inp.prosec_rate_pct is not None:
        assumptions.append(given("PROSEC rate", inp.prosec_rate_pct, "percent"))
        doc_ids.append("prosec-and-regla-octava")
    pesos = {}
    if (fx := inp.mxn_per_usd) is not None:
        assumptions.append(given("Exchange rate", fx, "MXN per USD"))
        pesos = {"mxn_per_usd": fx, "annual_temporary_imports_mxn": money(inp.annual_temporary_imports_usd * fx),
                 "monthly_vat_mxn": money(monthly_vat * fx), "cash_tied_up_uncertified_mxn": money(tied * fx),
                 "annual_financing_cost_uncertified_mxn": money(financing * fx)}
    return VatCashflowResult(
        as_of=as_of,
        notices=notices,
        vat_rate_pct=vat_pct,
        annual_vat_usd=money(annual_vat),
        monthly_vat_usd=money(monthly_vat),
        cash_tied_up_uncertified_usd=money(tied),
        cash_tied_up_certified_usd=money(tied_certified),
        annual_financing_cost_uncertified_usd=money(financing),
        annual_financing_cost_certified_usd=money(tied_certified * inp.cost_of_capital_pct / 100),
        certification_saving_usd=money((tied - tied_certified) * inp.cost_of_capital_pct / 100),
        art_2_5_duty_general_usd=money(duty_general),
        art_2_5_waiver_general_usd=money(waiver_general),
        art_2_5_payable_general_usd=money(payable_general),
        art_2_5_payable_usd=money(payable),
        assumptions=assumptions,
        doc_ids=doc_ids,
        notes=["Certification itself has costs and requirements (not modelled); uncertified companies may post a "
               "guarantee instead of paying the VAT."],
        **prosec,
        **pesos,
    )
