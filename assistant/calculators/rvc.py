"""USMCA regional value content (``usmca_rvc``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from assistant.calculators.common import CalcInput, CalcResult, calc_date, given, money
from assistant.calculators.rates import RateBook, load_rates

METHOD_NAMES = {"transaction_value": "transaction-value method", "net_cost": "net-cost method"}


class RvcInput(CalcInput):
    """Inputs of :func:`usmca_rvc`."""

    method: Literal["transaction_value", "net_cost"] = Field(
        default="transaction_value",
        description="Transaction value: RVC = (TV - VNM) / TV x 100; net cost: RVC = (NC - VNM) / NC x 100.",
    )
    vnm: float = Field(
        ge=0, le=1e12,
        description="Value of non-originating materials (VNM): inputs from outside the USMCA region, per unit "
        "or per period, in the same currency and basis as the value.",
        json_schema_extra={"label_en": "the value of the non-originating materials",
                           "label_es": "el valor de los materiales no originarios"},
    )
    transaction_value: float | None = Field(
        default=None, gt=0, le=1e12,
        description="Transaction value of the good (FOB, without international freight); needed for the "
        "transaction-value method.",
        json_schema_extra={"label_en": "the transaction value of the good", "label_es": "el valor de transacción del bien",
                           "when_empty": "none (net-cost method)"},
    )
    net_cost: float | None = Field(
        default=None, gt=0, le=1e12,
        description="Net cost of the good (total cost less sales promotion, royalties, shipping and packing, "
        "non-allowable interest); needed for the net-cost method.",
        json_schema_extra={"label_en": "the net cost of the good", "label_es": "el costo neto del bien",
                           "when_empty": "none (transaction-value method)"},
    )
    threshold_pct: float | None = Field(
        default=None, gt=0, le=100,
        description="RVC the product-specific rule requires, percent; default 60 (transaction value) or 50 (net cost).",
        json_schema_extra={"when_empty": "60 (transaction value) or 50 (net cost)"},
    )
    as_of: date | None = Field(default=None, description="Date whose default thresholds apply.")

    @model_validator(mode="after")
    def _value_for_method(self) -> "RvcInput":
        field = self.method
        value = getattr(self, field)
        if value is None:
            raise ValueError(f"{field} is required for the {METHOD_NAMES[self.method]}: give a number greater than 0")
        if self.vnm > value:
            raise ValueError(f"vnm ({self.vnm:,.2f}) cannot exceed {field} ({value:,.2f}): give a VNM between 0 and {value:,.2f}")
        return self


class RvcResult(CalcResult):
    method: str
    value: float = Field(description="The transaction value or net cost used.")
    vnm: float
    rvc_pct: float = Field(description="Regional value content, percent of the transaction value or net cost.")
    threshold_pct: float = Field(description="RVC the rule requires, percent of the transaction value or net cost.")
    qualifies: bool
    margin_pts: float = Field(description="RVC minus the threshold, percentage points.")
    max_vnm_to_qualify: float = Field(description="Largest VNM that still meets the threshold.")
    vnm_headroom: float = Field(description="Max VNM minus the actual VNM (negative = VNM to cut).")


def usmca_rvc(inp: RvcInput, rates: RateBook | None = None, *, today: date | None = None) -> RvcResult:
    """USMCA regional value content by the transaction-value or the net-cost method.

    RVC = (TV - VNM) / TV x 100 (transaction value) or (NC - VNM) / NC x 100 (net cost). The threshold is
    the one given, else the typical 60% (transaction value) or 50% (net cost); the product-specific rule of
    origin decides which method and level apply (e.g. 75% net cost for passenger vehicles). The largest VNM
    that still qualifies is value x (1 - threshold / 100).

    Args:
        inp: method, vnm, transaction_value or net_cost, optional threshold_pct and as_of
            (see :class:`RvcInput`).
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of is for (a fixed clock); the system date by default.

    Returns:
        RVC percent, whether it meets the threshold, the margin in points, the largest VNM that would still
        qualify, the assumptions and the corpus documents that explain the rule.
    """
    rates = rates or load_rates()
    as_of, notices = calc_date(inp.as_of, today), []
    value = float(inp.transaction_value if inp.method == "transaction_value" else inp.net_cost)
    if inp.threshold_pct is not None:
        threshold = inp.threshold_pct
        assumption = given("RVC threshold (product-specific rule)", threshold, "percent")
    else:
        row = rates["usmca_rvc_thresholds"].get(as_of, method=inp.method, notices=notices)
        threshold = float(row.value)
        assumption = row.assumption(f"Typical RVC threshold, {METHOD_NAMES[inp.method]}")
    rvc = (value - inp.vnm) / value * 100
    max_vnm = value * (1 - threshold / 100)
    notes = [] if inp.threshold_pct is not None else [
        "The threshold is the typical one for the method; check the product-specific rule for your HTS heading."
    ]
    return RvcResult(
        as_of=as_of,
        notices=notices,
        method=inp.method,
        value=value,
        vnm=inp.vnm,
        rvc_pct=round(rvc, 2),
        threshold_pct=threshold,
        qualifies=rvc >= threshold - 1e-9,
        margin_pts=round(rvc - threshold, 2),
        max_vnm_to_qualify=money(max_vnm),
        vnm_headroom=money(max_vnm - inp.vnm),
        assumptions=[assumption],
        doc_ids=["usmca-rvc-methods", "usmca-rules-of-origin-basics"],
        notes=notes,
    )
