"""usmca_rvc: RVC by transaction value or net cost, the threshold, the margin and the largest VNM."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.calculators.rvc import RvcInput, usmca_rvc
from assistant.registry import ToolInputError, run_tool


def rvc(**kw):
    return usmca_rvc(RvcInput(**kw))


def test_transaction_value_method_qualifies_at_the_default_60_percent():
    r = rvc(transaction_value=200, vnm=70)
    assert r.rvc_pct == pytest.approx((200 - 70) / 200 * 100)  # 65%
    assert r.threshold_pct == 60 and r.qualifies
    assert r.margin_pts == pytest.approx(65 - 60)
    assert r.max_vnm_to_qualify == pytest.approx(200 * (1 - 0.60))  # 80
    assert r.vnm_headroom == pytest.approx(80 - 70)
    assert r.doc_ids == ["usmca-rvc-methods", "usmca-rules-of-origin-basics"]
    assert "General Note 11" in r.assumptions[0].source


def test_net_cost_method_falls_short_of_the_default_50_percent():
    r = rvc(method="net_cost", net_cost=180, vnm=100)
    assert r.rvc_pct == pytest.approx(round((180 - 100) / 180 * 100, 2))  # 44.44%
    assert r.threshold_pct == 50 and not r.qualifies
    assert r.margin_pts == pytest.approx(44.44 - 50, abs=0.01)
    assert r.max_vnm_to_qualify == pytest.approx(90)  # 180 x 0.5
    assert r.vnm_headroom == pytest.approx(-10)  # cut VNM by 10 to qualify


def test_a_product_specific_threshold_such_as_75_percent_for_vehicles():
    r = rvc(method="net_cost", net_cost=30_000, vnm=7_000, threshold_pct=75)
    assert r.rvc_pct == pytest.approx(76.67, abs=0.005)  # 23,000 / 30,000
    assert r.qualifies and r.max_vnm_to_qualify == pytest.approx(7_500)
    assert r.assumptions[0].source == "input"


def test_exactly_at_the_threshold_qualifies_and_the_extremes_are_0_and_100():
    assert rvc(transaction_value=100, vnm=40).qualifies  # exactly 60%
    assert rvc(transaction_value=100, vnm=0).rvc_pct == 100
    assert rvc(transaction_value=100, vnm=100).rvc_pct == 0


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.01, max_value=1e9), st.floats(min_value=0, max_value=1), st.sampled_from(["transaction_value", "net_cost"]))
def test_rvc_stays_within_0_and_100_when_vnm_does_not_exceed_the_value(value, share, method):
    r = rvc(method=method, **{method: value}, vnm=value * share)
    assert 0 <= r.rvc_pct <= 100
    assert r.qualifies == (r.vnm <= value * (1 - r.threshold_pct / 100) + 1e-9 * value)


@pytest.mark.parametrize(
    "args, message",
    [
        ({"transaction_value": 200, "vnm": 270}, "vnm (270.00) cannot exceed transaction_value (200.00): give a VNM between 0 and 200.00"),
        ({"vnm": 70}, "transaction_value is required for the transaction-value method: give a number greater than 0"),
        ({"method": "net_cost", "transaction_value": 200, "vnm": 70}, "net_cost is required for the net-cost method"),
        ({"transaction_value": -200, "vnm": 70}, "transaction_value must be a number greater than 0 and at most 1,000,000,000,000; got -200"),
        ({"transaction_value": 200, "vnm": float("nan")}, "vnm must be a number between 0 and 1,000,000,000,000; got nan"),
        ({"transaction_value": 200, "vnm": -1}, "vnm must be a number between 0 and 1,000,000,000,000; got -1"),
        ({"transaction_value": 200}, "vnm is required: give a number between 0 and 1,000,000,000,000"),
        ({"transaction_value": 200, "vnm": 70, "threshold_pct": 120}, "threshold_pct must be a number greater than 0 and at most 100 (percent); got 120"),
        ({"transaction_value": 200, "vnm": 70, "method": "build_down"}, "method must be one of 'transaction_value', 'net_cost'"),
    ],
)
def test_invalid_input_names_the_field_and_the_accepted_range(args, message):
    with pytest.raises(ToolInputError) as err:
        run_tool("usmca_rvc", args)
    assert message in str(err.value)
