"""transit_time: door-to-door planning ranges from a documented table."""

from __future__ import annotations

import math

import pytest

from assistant.calculators.rates import load_rates
from assistant.calculators.transit import TransitInput, transit_time
from assistant.registry import ToolInputError, run_tool

TABLE = load_rates()["transit_times"]
ORIGINS = ["Shanghai", "Shenzhen", "Ho Chi Minh City", "Tijuana", "Juárez", "Monterrey", "Saltillo", "Querétaro", "Reynosa"]
DESTINATIONS = ["Los Angeles", "Dallas", "Chicago", "Detroit", "Atlanta"]


def transit(**kw):
    return transit_time(TransitInput(**kw))


def test_china_to_chicago_is_the_fact_sheet_20_to_35_days_by_ocean_and_rail():
    r = transit(origin="Shanghai", destination="Chicago")
    assert (r.mode, r.min_days, r.max_days) == ("ocean_rail", 20, 35)  # ocean 15-25 + rail 3-7 + 2-3 days
    assert {o.mode for o in r.options} == {"ocean_rail", "ocean_truck", "air"}
    assert r.doc_ids == ["transit-times-china-vs-mexico"]
    assert all("estimate" in a.source.lower() for a in r.assumptions)


def test_truck_from_juarez_to_chicago_follows_the_truck_rule():
    r = transit(origin="Cd. Juarez", destination="chicago")
    miles = 1480
    assert r.origin == "Juárez" and r.mode == "truck"
    # ceil(1,480 / 550) + 1 day to source a truck = 4; ceil(1,480 / 500) + 2 days + 1 day at the border = 6
    assert (r.min_days, r.max_days) == (math.ceil(miles / 550) + 1, math.ceil(miles / 500) + 3)


def test_ocean_to_los_angeles_means_ocean_and_truck():
    r = transit(origin="Shenzhen", destination="Los Angeles", mode="ocean")
    assert (r.mode, r.min_days, r.max_days) == ("ocean_truck", 17, 29)  # 15-25 at sea + 0-1 dray + 2-3 days


def test_tijuana_to_los_angeles_by_truck_is_two_to_four_days():
    r = transit(origin="Tijuana", destination="Los Angeles", mode="truck")
    assert (r.min_days, r.max_days) == (2, 4)


def test_every_pair_of_the_issue_is_in_the_table():
    for origin in ORIGINS:
        for dest in DESTINATIONS:
            r = transit(origin=origin, destination=dest)
            assert r.min_days < r.max_days


def test_truck_and_rail_rows_are_derived_from_their_road_miles():
    for row in TABLE.rows:
        miles, (low, high) = row.attrs["road_miles"], row.value
        if row.key["mode"] == "truck":
            assert (low, high) == (math.ceil(miles / 550) + 1, math.ceil(miles / 500) + 3), row.key
        if row.key["mode"] == "rail":
            assert (low, high) == (math.ceil(miles / 550) + 3, math.ceil(miles / 500) + 8), row.key
            assert miles >= 500
        assert "estimate" in row.source_title.lower()


@pytest.mark.parametrize(
    "args, message",
    [
        ({"origin": "Busan", "destination": "Chicago"}, "origin 'Busan' is not in the transit table: use one of Shanghai"),
        ({"origin": "Monterrey", "destination": "Houston"}, "destination 'Houston' is not in the transit table"),
        ({"origin": "Monterrey", "destination": "Chicago", "mode": "air"}, "mode 'air' is not on file from Monterrey to Chicago: use one of truck, rail"),
        ({"origin": "Monterrey", "destination": "Chicago", "mode": "teleport"}, "mode must be one of 'ocean', 'ocean_rail'"),
        ({"destination": "Chicago"}, "origin is required: give one of Shanghai"),
        ({"origin": "Shanghai", "destination": "Chicago", "as_of": "2023-01-01"}, "2023-01-01: the table covers 2024-01-01"),
    ],
)
def test_invalid_input_names_the_field_and_what_it_accepts(args, message):
    with pytest.raises(ToolInputError) as err:
        run_tool("transit_time", args)
    assert message in str(err.value)
