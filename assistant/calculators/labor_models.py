"""Inputs and results of the labor-cost calculator (``mexico_labor_cost``), with the constants they share."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from assistant.calculators.common import CalcInput, CalcResult
from assistant.calculators.places import canonical_state, lookup_place


DAYS_PER_YEAR = 365
SBC_CAP_UMA = 25
SURPLUS_THRESHOLD_UMA = 3
PTU_CAP_DAYS = DAYS_PER_YEAR / 4  # "three months of salary" = a quarter of a year's daily wages
MIN_WAGE_TOLERANCE = 0.005  # MXN: a wage within half a centavo of the minimum is the minimum

# Maximum ordinary week by year under the constitutional reform of DOF 3 March 2026 (art. 123-A), 40 from 2030.
MAX_WEEKLY_HOURS = {2027: 46, 2028: 44, 2029: 42}
REFORM_FINAL_HOURS = 40

ZONE_NAMES = {"general": "general zone", "border": "northern border free zone"}


class LaborCostInput(CalcInput):
    """Inputs of :func:`mexico_labor_cost`."""

    daily_wage_mxn: Annotated[float, Field(ge=1, le=50_000)] | Literal["minimum"] = Field(
        description='Base daily wage in MXN (cuota diaria, before benefits), or "minimum" for the minimum wage '
        "of the zone.",
        json_schema_extra={"accepted": 'a daily wage in MXN between 1 and 50,000, or "minimum"',
                           "label_en": 'the daily wage in MXN, or "minimum"', "label_es": 'el salario diario en MXN, o "mínimo"'},
    )
    state: str = Field(
        description="Mexican state of the plant, for the state payroll tax, e.g. 'Chihuahua' or 'Nuevo León'.",
        json_schema_extra={"accepted": "the name of a Mexican state, e.g. Chihuahua, Nuevo León, Baja California",
                           "label_en": "the Mexican state or city of the plant", "label_es": "el estado o la ciudad de la planta en México"},
    )
    zone: Literal["general", "border"] | None = Field(
        default=None,
        description="Minimum-wage zone: 'border' for the northern border free zone (Tijuana, Juárez, Reynosa...), "
        "'general' elsewhere (Monterrey, Saltillo, Querétaro...). Left out, it follows the place when one is given, "
        "else the state when the state alone tells it (all of Baja California is 'border'; states without border "
        "municipalities are 'general'); in Sonora, Chihuahua, Coahuila, Nuevo León and Tamaulipas 'general' is "
        "assumed and the result says so.",
    )
    place: str | None = Field(
        default=None, max_length=80,
        description="City or municipality of the plant, e.g. 'Ciudad Juárez' or 'Saltillo': tells the wage zone in a "
        "state only partly in the northern border zone.",
        json_schema_extra={"accepted": "a Mexican city on file, e.g. Ciudad Juárez, Reynosa, Saltillo, Hermosillo",
                           "label_en": "the city of the plant", "label_es": "la ciudad de la planta",
                           "when_empty": "none"},
    )
    headcount: int = Field(default=1, ge=1, le=100_000, description="Number of workers with this wage.")
    year: int | None = Field(
        default=None, ge=1990, le=2100,
        description="Calendar year whose rates apply (uses the rates in force on 1 July of that year).",
        json_schema_extra={"when_empty": "today's rates"},
    )
    as_of: date | None = Field(default=None, description="Exact date whose rates apply (instead of year).")
    years_of_service: int = Field(
        default=1, ge=1, le=35, description="Year of service the worker is in (1 = first year), for vacation days."
    )
    work_risk_class: Literal["I", "II", "III", "IV", "V"] = Field(
        default="III", description="IMSS work-risk class; a new company pays the class average (LSS art. 73)."
    )
    work_risk_rate_pct: float | None = Field(
        default=None, ge=0.5, le=15, description="The company's own work-risk premium in percent; overrides the class.",
        json_schema_extra={"when_empty": "the class average"},
    )
    weekly_hours: float = Field(default=48, gt=0, le=48, description="Ordinary hours worked per week.")
    workdays_per_week: int = Field(default=6, ge=1, le=6, description="Working days per week.")
    aguinaldo_days: float = Field(default=15, ge=15, le=90, description="Year-end bonus in days of salary.")
    vacation_premium_pct: float = Field(default=25, ge=25, le=100, description="Vacation premium, percent of vacation pay.")
    payroll_tax_rate_pct: float | None = Field(
        default=None, ge=0, le=10, description="State payroll tax rate in percent; overrides the state table.",
        json_schema_extra={"when_empty": "the state's payroll tax"},
    )
    annual_taxable_profit_mxn: float | None = Field(
        default=None, ge=0, le=1e12, description="Company taxable profit per year, to estimate profit sharing (PTU).",
        json_schema_extra={"when_empty": "no PTU estimate"},
    )
    ptu_average_last_3_years_mxn: float | None = Field(
        default=None, ge=0, le=1e8, description="Average PTU per worker over the last 3 years (raises the PTU cap).",
        json_schema_extra={"when_empty": "none"},
    )
    mxn_per_usd: float | None = Field(default=None, ge=5, le=50, description="Exchange rate, MXN per USD, for USD figures.",
                                      json_schema_extra={"when_empty": "figures in MXN only"})

    @field_validator("state")
    @classmethod
    def _known_state(cls, value: str) -> str:
        state = canonical_state(value)
        if state is None:
            raise ValueError(f"'{value}' is not a Mexican state")
        return state

    @field_validator("place")
    @classmethod
    def _known_place(cls, value: str | None) -> str | None:
        if value is None:
            return None
        place = lookup_place(value)
        if place is None or place.kind != "city" or place.country != "MX":
            raise ValueError(f"'{value}' is not a Mexican city on file: give zone ('border' or 'general') instead")
        return place.name

    @model_validator(mode="after")
    def _one_date(self) -> "LaborCostInput":
        if self.year is not None and self.as_of is not None and self.as_of.year != self.year:
            raise ValueError(f"year ({self.year}) and as_of ({self.as_of}) disagree: give only one of them")
        if self.place is not None:
            city = lookup_place(self.place)
            if city is not None and city.state != self.state:
                raise ValueError(f"place {self.place} is in {city.state}, not in {self.state}: give the plant's state")
        return self


class CostLine(BaseModel):
    item: str
    rate_pct: float | None = Field(default=None, description="Rate applied, percent.")
    base: str = Field(description="What the rate applies to.")
    annual_mxn: float = Field(description="Per worker per year, MXN.")
    monthly_mxn: float = Field(description="Per worker per month, MXN.")


class LaborCostResult(CalcResult):
    state: str
    place: str | None = None
    zone: str
    zone_basis: Literal["given", "place", "state", "assumed"] = Field(
        description="Where the wage zone comes from: the input, the place, the state (wholly in one zone), or "
        "assumed 'general' in a state only partly in the northern border zone (a note says so)."
    )
    daily_wage_mxn: float
    minimum_wage_worker: bool
    integration_factor: float
    sbc_daily_mxn: float = Field(description="Integrated daily wage (SBC) after the floor and the 25-UMA cap.")
    sbc_in_uma: float
    cesantia_band: str
    cesantia_rate_pct: float = Field(
        description="Employer's old-age (cesantía y vejez) rate of the worker's SBC band, percent of the SBC."
    )
    base_wage_annual_mxn: float
    annual_cost_per_worker_mxn: float
    monthly_cost_per_worker_mxn: float
    annual_cost_total_mxn: float
    monthly_cost_total_mxn: float
    paid_hours_per_year: float = Field(
        description="Ordinary hours paid in a year: weekly hours x 365 / 7, the same 365-day year the wage is paid "
        "for (48 h a week: 2,502.86 hours, not 48 x 52 = 2,496)."
    )
    productive_hours_per_year: float = Field(
        description="Paid hours less vacation days and statutory holidays at weekly hours / workdays per week."
    )
    cost_per_paid_hour_mxn: float
    cost_per_productive_hour_mxn: float
    burden_pct: float = Field(description="Cost above the base wage, percent of the base wage.")
    headcount: int
    annual_cost_per_worker_usd: float | None = None
    monthly_cost_per_worker_usd: float | None = None
    annual_cost_total_usd: float | None = None
    monthly_cost_total_usd: float | None = None
    cost_per_paid_hour_usd: float | None = None
    cost_per_productive_hour_usd: float | None = None
    breakdown: list[CostLine]
