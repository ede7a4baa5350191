"""Deterministic cost calculators: pure, typed functions over dated rate tables.

Each calculator takes its pydantic input model (and optionally a :class:`~.rates.RateBook`) and returns a
result model with the figures, a breakdown, the ``assumptions`` used (value, unit, effective dates, source)
and the corpus ``doc_ids`` that explain them. :mod:`assistant.registry` registers them as tools.
"""

from assistant.calculators.common import Assumption, CalculatorInputError, RateNotInForceError
from assistant.calculators.labor import LaborCostInput, LaborCostResult, mexico_labor_cost
from assistant.calculators.landed import DutyLayer, LandedCostInput, LandedCostResult, Scenario, landed_cost_compare
from assistant.calculators.rates import RateBook, load_rates
from assistant.calculators.rvc import RvcInput, RvcResult, usmca_rvc
from assistant.calculators.tco import SideCosts, TcoInput, TcoResult, tco_compare
from assistant.calculators.transit import TransitInput, TransitResult, transit_time
from assistant.calculators.vat import VatCashflowInput, VatCashflowResult, immex_vat_cashflow

__all__ = [
    "Assumption", "CalculatorInputError", "RateNotInForceError", "RateBook", "load_rates",
    "LaborCostInput", "LaborCostResult", "mexico_labor_cost",
    "RvcInput", "RvcResult", "usmca_rvc",
    "DutyLayer", "Scenario", "LandedCostInput", "LandedCostResult", "landed_cost_compare",
    "VatCashflowInput", "VatCashflowResult", "immex_vat_cashflow",
    "SideCosts", "TcoInput", "TcoResult", "tco_compare",
    "TransitInput", "TransitResult", "transit_time",
]
