"""Door-to-door transit-time planning estimates (``transit_time``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.calculators.common import CalcInput, CalcResult, CalculatorInputError, calc_date
from assistant.calculators.places import ASIAN_COUNTRIES, lookup_place
from assistant.calculators.rates import Rate, RateBook, load_rates

Mode = Literal["ocean", "ocean_rail", "ocean_truck", "truck", "rail", "air"]
MODE_NAMES = {"ocean_rail": "ocean + rail", "ocean_truck": "ocean + truck", "truck": "truck", "rail": "rail", "air": "air"}


class TransitInput(CalcInput):
    """Inputs of :func:`transit_time`."""

    origin: str = Field(
        description="Origin city: Shanghai, Shenzhen, Ho Chi Minh City, Tijuana, Juárez, Monterrey, Saltillo, "
        "Querétaro or Reynosa.",
        min_length=2, max_length=80,
        json_schema_extra={"accepted": "one of Shanghai, Shenzhen, Ho Chi Minh City, Tijuana, Juárez, Monterrey, "
                           "Saltillo, Querétaro, Reynosa",
                           "label_en": "the origin city", "label_es": "la ciudad de origen"},
    )
    destination: str = Field(
        description="US destination: Los Angeles, Dallas, Chicago, Detroit or Atlanta.",
        min_length=2, max_length=80,
        json_schema_extra={"accepted": "one of Los Angeles, Dallas, Chicago, Detroit, Atlanta",
                           "label_en": "the US destination city", "label_es": "la ciudad de destino en EE. UU."},
    )
    mode: Mode | None = Field(
        default=None,
        description="Ocean and rail, ocean and truck, or air from Asia; truck or rail from Mexico. Ocean picks ocean "
        "and truck to Los Angeles and ocean and rail inland. Leave it out to get every mode.",
        json_schema_extra={"when_empty": "every mode"},
    )
    as_of: date | None = Field(default=None, description="Date of the table to use.")

    @field_validator("origin", "destination")
    @classmethod
    def _canonical_place(cls, value: str) -> str:
        place = lookup_place(value)
        return place.name if place is not None else value


class TransitOption(BaseModel):
    mode: str
    min_days: float
    max_days: float
    road_miles: float | None = None
    basis: str


class TransitResult(CalcResult):
    origin: str
    destination: str
    mode: str = Field(description="The mode of min_days / max_days: the one asked for, else the usual surface mode.")
    min_days: float
    max_days: float
    options: list[TransitOption] = Field(description="Every mode on file for the pair, fastest first.")


def surface_mode(origin: str, destination: str, mode: str | None = None) -> str:
    """The table mode for a requested one: 'ocean' → ocean_truck to Los Angeles, ocean_rail inland; no mode →
    the usual surface mode (ocean for Asian origins, truck otherwise)."""
    place = lookup_place(origin)
    asian = place is not None and place.country in ASIAN_COUNTRIES
    if mode is None:
        mode = "ocean" if asian else "truck"
    if mode == "ocean":
        return "ocean_truck" if destination == "Los Angeles" else "ocean_rail"
    return mode


def transit_places(rates: RateBook | None = None) -> frozenset[str]:
    """The places the transit table covers, origins and destinations, by their canonical place name
    ("Juárez" also stands for "Ciudad Juárez": :func:`~.places.find_places` names every alias so)."""
    table = (rates or load_rates())["transit_times"]
    names = [*table.key_values("origin"), *table.key_values("destination")]
    return frozenset(place.name if (place := lookup_place(name)) is not None else name for name in names)


def lookup_transit(rates: RateBook, as_of: date, origin: str, destination: str, mode: str | None = None) -> list[Rate]:
    """Rows for origin and destination in force on ``as_of`` (one mode, or all), or a clear error."""
    table = rates["transit_times"]
    origins, destinations = table.key_values("origin"), table.key_values("destination")
    if origin not in origins:
        raise CalculatorInputError(f"origin '{origin}' is not in the transit table: use one of {', '.join(origins)}.")
    if destination not in destinations:
        raise CalculatorInputError(
            f"destination '{destination}' is not in the transit table: use one of {', '.join(destinations)}."
        )
    if mode is not None:
        modes = [r.key["mode"] for r in table.series(origin=origin, destination=destination)]
        if mode not in modes:
            raise CalculatorInputError(
                f"mode '{mode}' is not on file from {origin} to {destination}: use one of {', '.join(modes)}."
            )
        return [table.get(as_of, origin=origin, destination=destination, mode=mode)]
    rows = [table.get(as_of, **r.key) for r in table.series(origin=origin, destination=destination)]
    return sorted(rows, key=lambda r: (r.value[0], r.value[1]))


def transit_time(inp: TransitInput, rates: RateBook | None = None, *, today: date | None = None) -> TransitResult:
    """Door-to-door transit days (a range) from a common origin to a US destination, by mode.

    The table holds planning estimates derived from published rules of thumb, not carrier quotes: China to
    Chicago 20-35 days (ocean 15-25 + rail 3-7 + pickup and delivery); truck from Mexico at 500-550 miles a
    day + 1-2 days to source a truck + up to a day at the border. Rail from Mexico and air from Asia are
    unverified planning assumptions (each row's source says so).

    Args:
        inp: origin, destination, optional mode and as_of (see :class:`TransitInput`).
        rates: the rate tables; the tables shipped with the package by default.
        today: the date a calculation without as_of is for (a fixed clock); the system date by default.

    Returns:
        The min and max days for the mode asked for (or the usual surface mode), every mode on file for the
        pair, the assumptions with their derivation and the corpus document that explains them.

    Raises:
        CalculatorInputError: the origin, destination or mode is not in the table.
    """
    rates = rates or load_rates()
    as_of = calc_date(inp.as_of, today)
    rows = lookup_transit(rates, as_of, inp.origin, inp.destination)
    wanted = surface_mode(inp.origin, inp.destination, inp.mode)
    if inp.mode is not None:
        lookup_transit(rates, as_of, inp.origin, inp.destination, wanted)  # a clear error if not on file
    chosen = next(r for r in rows if r.key["mode"] == wanted)
    options = [
        TransitOption(mode=r.key["mode"], min_days=r.value[0], max_days=r.value[1],
                      road_miles=r.attrs.get("road_miles"), basis=r.source_title)
        for r in rows
    ]
    assumptions = [
        r.assumption(f"Transit {inp.origin} → {inp.destination}, {MODE_NAMES[r.key['mode']]}", list(r.value), "days door to door")
        for r in rows
    ]
    return TransitResult(
        as_of=as_of,
        origin=inp.origin,
        destination=inp.destination,
        mode=chosen.key["mode"],
        min_days=chosen.value[0],
        max_days=chosen.value[1],
        options=options,
        assumptions=assumptions,
        doc_ids=["transit-times-china-vs-mexico"],
        notes=["Planning estimates, not carrier quotes: border waits, port congestion and rail dwell vary."],
    )
