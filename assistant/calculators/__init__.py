"""Deterministic cost calculators: pure, typed functions over dated rate tables.

Each calculator takes its pydantic input model (and optionally a :class:`~.rates.RateBook`) and returns a
result model with the figures, a breakdown, the ``assumptions`` used (value, unit, effective dates, source)
and the corpus ``doc_ids`` that explain them. :mod:`assistant.tools` registers them as tools.
"""

from .common import Assumption, CalculatorInputError, RateNotInForceError
from .labor import LaborCostInput, LaborCostResult, mexico_labor_cost
from .landed import DutyLayer, LandedCostInput, LandedCostResult, Scenario, landed_cost_compare
from .rates import RateBook, load_rates
from .rvc import RvcInput, RvcResult, usmca_rvc
from .tco import SideCosts, TcoInput, TcoResult, tco_compare
from .transit import TransitInput, TransitResult, transit_time
from .vat import VatCashflowInput, VatCashflowResult, immex_vat_cashflow

__all__ = [
    "Assumption", "CalculatorInputError", "RateNotInForceError", "RateBook", "load_rates",
    "LaborCostInput", "LaborCostResult", "mexico_labor_cost",
    "RvcInput", "RvcResult", "usmca_rvc",
    "DutyLayer", "Scenario", "LandedCostInput", "LandedCostResult", "landed_cost_compare",
    "VatCashflowInput", "VatCashflowResult", "immex_vat_cashflow",
    "SideCosts", "TcoInput", "TcoResult", "tco_compare",
    "TransitInput", "TransitResult", "transit_time",
]
