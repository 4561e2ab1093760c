"""Attribution end to end (issue #7) on the fixture world: an independent Python oracle of
every attribution model (the formulas of the doc block `attribution_rules`, default vars)
recomputes each credit from fct_attribution's own paths, and click-throughs are one touch."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.dbt

HALF_LIFE_DAYS = 7.0
ENDPOINT_SHARE = 0.4
KEY_SHARE = 0.3
TOLERANCE = 1e-9
MODELS = (
    "first_touch",
    "last_touch",
    "last_non_direct",
    "linear",
    "time_decay",
    "position_based",
    "w_shaped",
)

Touch = tuple[str, dt.datetime, bool]  # touchpoint_id, touched_at, is_direct


def _expected_credits(
    touches: list[Touch],
    converted_at: dt.datetime,
    lead_at: dt.datetime | None,
    opportunity_at: dt.datetime | None,
) -> dict[str, dict[str | None, float]]:
    """Credit per model and touch for one conversion; touches sorted by (time, id)."""
    if not touches:
        return {model: {None: 1.0} for model in MODELS}
    ids = [t[0] for t in touches]
    n = len(ids)
    non_direct = [i for i, t in enumerate(touches) if not t[2]]
    last_non_direct = non_direct[-1] if non_direct else n - 1
    # dbt.datediff(..., 'second') counts second boundaries crossed (DuckDB date_diff).
    ages = [
        (converted_at.replace(microsecond=0) - t[1].replace(microsecond=0)).total_seconds() / 86400
        for t in touches
    ]
    decay = [2 ** (-age / HALF_LIFE_DAYS) for age in ages]

    def last_at_or_before(moment: dt.datetime | None) -> int | None:
        found = [i for i, t in enumerate(touches) if moment is not None and t[1] <= moment]
        return found[-1] if found else None

    slots = [0] * n
    for index in (0, last_at_or_before(lead_at), last_at_or_before(opportunity_at)):
        if index is not None:
            slots[index] += 1
    n_other = sum(1 for s in slots if s == 0)
    w_weights = [KEY_SHARE * s if s else (1 - 3 * KEY_SHARE) / n_other for s in slots]
    if n == 1:
        position = [1.0]
    elif n == 2:
        position = [0.5, 0.5]
    else:
        middle = (1 - 2 * ENDPOINT_SHARE) / (n - 2)
        position = [ENDPOINT_SHARE] + [middle] * (n - 2) + [ENDPOINT_SHARE]
    per_model = {
        "first_touch": [1.0 if i == 0 else 0.0 for i in range(n)],
        "last_touch": [1.0 if i == n - 1 else 0.0 for i in range(n)],
        "last_non_direct": [1.0 if i == last_non_direct else 0.0 for i in range(n)],
        "linear": [1 / n] * n,
        "time_decay": [w / sum(decay) for w in decay],
        "position_based": position,
        "w_shaped": [w / sum(w_weights) for w in w_weights],
    }
    return {model: dict(zip(ids, credits, strict=True)) for model, credits in per_model.items()}


def test_every_credit_matches_an_independent_oracle(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    paths: dict[str, list[Touch]] = defaultdict(list)
    conversions: dict[str, tuple[dt.datetime, dt.datetime | None, dt.datetime | None]] = {}
    for row in warehouse.execute(
        """
        select conversion_id, converted_at, lead_created_at, opportunity_created_at,
            touchpoint_id, touched_at, is_direct
        from intermediate.int_conversion_touches_windowed
        """
    ).fetchall():
        conversion_id, converted_at, lead_at, opportunity_at, touch_id, touched_at, direct = row
        conversions[conversion_id] = (converted_at, lead_at, opportunity_at)
        if touch_id is not None:
            paths[conversion_id].append((touch_id, touched_at, bool(direct)))
    assert conversions, "the fixture world has conversions"

    actual: dict[tuple[str, str, str | None], float] = {
        (conversion_id, model, touch_id): credit
        for conversion_id, model, touch_id, credit in warehouse.execute(
            "select conversion_id, attribution_model, touchpoint_id, credit"
            " from marts.fct_attribution"
        ).fetchall()
    }
    expected: dict[tuple[str, str, str | None], float] = {}
    for conversion_id, (converted_at, lead_at, opportunity_at) in conversions.items():
        touches = sorted(paths[conversion_id], key=lambda t: (t[1], t[0]))
        credits = _expected_credits(touches, converted_at, lead_at, opportunity_at)
        for model, by_touch in credits.items():
            for touch_id, credit in by_touch.items():
                expected[(conversion_id, model, touch_id)] = credit

    assert actual.keys() == expected.keys()
    wrong = {
        key: (actual[key], value)
        for key, value in expected.items()
        if abs(actual[key] - value) > TOLERANCE
    }
    assert not wrong, f"{len(wrong)} credits differ, e.g. {list(wrong.items())[:5]}"


def test_touches_are_never_after_their_conversion_nor_outside_the_window(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    outside = warehouse.execute(
        """
        select count(*)
        from intermediate.int_conversion_touches_windowed
        where touchpoint_id is not null
            and (touched_at > converted_at or touched_at < window_starts_at)
        """
    ).fetchone()[0]
    assert outside == 0


def test_a_click_through_is_one_touch(warehouse: duckdb.DuckDBPyConnection, truth: Path) -> None:
    # The generator's truth: every non-bot email session is one human click-through.
    with (truth / "sessions.csv").open() as handle:
        true_email_sessions = sum(
            1 for s in csv.DictReader(handle) if s["email_campaign_id"] and s["is_bot"] == "false"
        )
    merged_clicks, email_session_touches = warehouse.execute(
        """
        select
            count(case when touch_type = 'email_click' and has_merged_session then 1 end),
            count(case when touch_type = 'session' and channel = 'Email' then 1 end),
        from marts.fct_touchpoints
        """
    ).fetchone()
    assert merged_clicks == true_email_sessions
    assert email_session_touches == 0
    double_counted = warehouse.execute(
        """
        select count(*)
        from intermediate.int_email_click_sessions_matched as merged
        inner join marts.fct_touchpoints as touches
            on touches.touch_type = 'session' and merged.session_id = touches.session_id
        """
    ).fetchone()[0]
    assert double_counted == 0
