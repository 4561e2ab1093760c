{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key=['contact_id', 'score_date'],
    on_schema_change='fail',
    post_hook=[
        "{{ clicktrail.delete_rows_not_rewritten(ref('fct_lead_score_events'), 'contact_id') }}",
        "{{ clicktrail.delete_orphan_rows(ref('fct_lead_score_events'), 'contact_id') }}",
    ],
) }}

-- One row per contact x day, from the contact's first scored event to the data's last day:
-- the engagement score decayed as of that day, the fit score, their total, and the MQL state
-- machine (doc blocks lead_score_decay and mql). Ledger rows are pre-aggregated per contact
-- x event day, then each spine day sums the event days up to it, each weighted by its decay.
-- Incremental (DECISIONLOG D-017): a run rescores every day of each contact with a ledger row
-- written since its last run or a new CRM fit score; every other contact only gets the new
-- days after the last day built, continuing from its last built MQL state (the state machine
-- carries over: a day is in an episode if it qualifies, not if it breaks, else as the day
-- before). Post-hooks delete the days a rescored contact lost and contacts left without
-- ledger rows.
{%- set settings = clicktrail.lead_score_settings() %}
{%- set basis_column = 'total_score' if settings.mql_basis == 'total' else 'engagement_score' %}
{%- set decaying_points = 'points != 0' if settings.decay_negative_points else 'points > 0' %}
{%- set fixed_points = 'false' if settings.decay_negative_points else 'points < 0' %}

with

spine as (
    select * from {{ ref('int_lead_score_spine') }}
),

ledger as (
    select * from {{ ref('fct_lead_score_events') }}
),

fit_scores as (
    select * from {{ ref('int_lead_fit_scores') }}
),

-- Positive engagement points decay; negative ones only when
-- clicktrail__lead_score_decay_negative_points is true. Fit points never decay.
ledger_days as (
    select
        contact_id,
        event_date,
        sum(case
            when score_group = 'engagement'
                and {{ decaying_points }}
                then points
            else 0
        end) as decaying_points,
        sum(case
            when score_group = 'engagement'
                and {{ fixed_points }}
                then points
            else 0
        end) as fixed_engagement_points,
        sum(case when score_group = 'engagement' then points else 0 end)
            as engagement_points,
        sum(case when score_group = 'fit' then points else 0 end) as fit_points,
        -- Activity (step decay): an event matching a rule worth positive engagement points,
        -- capped or not.
        max(case when score_group = 'engagement' and base_points > 0 then 1 else 0 end)
            as is_activity_day,
        max(case when is_hand_raiser then 1 else 0 end) as has_hand_raiser,
        count(*) as n_ledger_rows
    from ledger
    group by contact_id, event_date
),
{%- if is_incremental() %}

built_last_day as (
    select max(built.score_date) as score_date from {{ this }} as built
),

built_last_rows as (
    select
        built.contact_id,
        built.fit_score,
        built.is_mql,
        built.n_mql_starts_to_date
    from {{ this }} as built
    where built.score_date = (select built_last_day.score_date from built_last_day)
),

ledger_fit_points as (
    select
        contact_id,
        sum(fit_points) as fit_points
    from ledger_days
    group by contact_id
),

-- Contacts whose every day is scored again: a ledger row written since the last run, or a
-- CRM fit score that no longer adds up to the fit score built on the last day.
rescored_contacts as (
    select ledger.contact_id from ledger
    where {{ clicktrail.changed_since_last_run() }}

    union

    select built_last_rows.contact_id from built_last_rows
    left join fit_scores
        on built_last_rows.contact_id = fit_scores.contact_id
    left join ledger_fit_points
        on built_last_rows.contact_id = ledger_fit_points.contact_id
    where built_last_rows.fit_score
        != coalesce(fit_scores.crm_fit_points, 0) + coalesce(ledger_fit_points.fit_points, 0)
),
{%- endif %}

-- The days this run scores: every spine day on a full refresh; on an incremental run every
-- day of a rescored contact and the days after the last one built.
target_days as (
    select
        spine.contact_id,
        spine.score_date
    from spine
    {%- if is_incremental() %}
    where spine.contact_id in (select rescored_contacts.contact_id from rescored_contacts)
        or spine.score_date > (select built_last_day.score_date from built_last_day)
    {%- endif %}
),

-- The MQL state each contact enters the target days with: none on a full refresh or for a
-- rescored contact, else the state built on the last day.
carried_states as (
    {%- if is_incremental() %}
    select
        built_last_rows.contact_id,
        built_last_rows.is_mql as carried_is_mql,
        built_last_rows.n_mql_starts_to_date as carried_mql_starts
    from built_last_rows
    where built_last_rows.contact_id not in (
        select rescored_contacts.contact_id from rescored_contacts
    )
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as contact_id,
            false as carried_is_mql,
            0 as carried_mql_starts
        where false
    {%- endif %}
),

-- The days the decay clock is read on: the target days and every day with ledger rows
-- (the clock on the day points were earned weighs them). The clock only depends on the
-- contact's first day and activity days, which are among these.
clock_days as (
    select
        contact_id,
        score_date
    from target_days
    {%- if is_incremental() %}

    union

    select
        contact_id,
        event_date as score_date
    from ledger_days
    {%- endif %}
),

activity_days as (
    select
        contact_id,
        event_date as activity_date,
        lag(event_date) over (
            partition by contact_id order by event_date
        ) as previous_activity_date
    from ledger_days
    where is_activity_day = 1
),

activity_gaps as (
    select
        *,
        {{ dbt.datediff('previous_activity_date', 'activity_date', 'day') }} as gap_days  -- noqa: LT05
    from activity_days
),

-- Step decay: every full clicktrail__lead_score_step_days without activity halves the
-- score; halvings_at_activity counts the halvings up to an activity day.
activity_halvings as (
    select
        contact_id,
        activity_date,
        sum(
            coalesce(
                floor(cast(gap_days as {{ clicktrail.type_double() }}) / {{ settings.step_days }}),
                0
            )
        ) over (
            partition by contact_id order by activity_date
            rows between unbounded preceding and current row
        ) as halvings_at_activity
    from activity_gaps
),

spine_activity as (
    select
        clock_days.contact_id,
        clock_days.score_date,
        min(clock_days.score_date) over (partition by clock_days.contact_id) as first_score_date,
        max(activity_halvings.activity_date) over (
            partition by clock_days.contact_id order by clock_days.score_date
            rows between unbounded preceding and current row
        ) as last_activity_date,
        max(activity_halvings.halvings_at_activity) over (
            partition by clock_days.contact_id order by clock_days.score_date
            rows between unbounded preceding and current row
        ) as halvings_at_last_activity
    from clock_days
    left join activity_halvings
        on clock_days.contact_id = activity_halvings.contact_id
            and clock_days.score_date = activity_halvings.activity_date
),

spine_ages as (
    select
        *,
        {{ dbt.datediff('first_score_date', 'score_date', 'day') }} as days_since_first_score,  -- noqa: LT05
        {{ dbt.datediff('last_activity_date', 'score_date', 'day') }} as days_since_activity  -- noqa: LT05
    from spine_activity
),

-- The decay clock counts half-lives; points weigh 0.5 ^ (clock now - clock when earned).
clocks as (
    select
        contact_id,
        score_date,
        last_activity_date,
        {% if settings.decay == 'half_life' -%}
            cast(days_since_first_score as {{ clicktrail.type_double() }})
            / {{ settings.half_life_days }}
        {%- elif settings.decay == 'step' -%}
            coalesce(
                halvings_at_last_activity
                + floor(
                    cast(days_since_activity as {{ clicktrail.type_double() }})
                    / {{ settings.step_days }}
                ),
                0
            )
        {%- else -%}
            cast(0 as {{ clicktrail.type_double() }})
        {%- endif %} as decay_clock
    from spine_ages
),

ledger_days_clocked as (
    select
        ledger_days.*,
        clocks.decay_clock as event_decay_clock
    from ledger_days
    inner join clocks
        on ledger_days.contact_id = clocks.contact_id
            and ledger_days.event_date = clocks.score_date
),

target_clocks as (
    select clocks.* from clocks
    inner join target_days
        on clocks.contact_id = target_days.contact_id
            and clocks.score_date = target_days.score_date
),

scored as (
    select
        clocks.contact_id,
        clocks.score_date,
        clocks.decay_clock,
        clocks.last_activity_date,
        coalesce(sum(
            ledger_days_clocked.decaying_points
            * {{ clicktrail.lead_score_decay_weight(
                'clocks.decay_clock', 'ledger_days_clocked.event_decay_clock'
            ) }}
            + ledger_days_clocked.fixed_engagement_points
        ), 0) as engagement_score_unrounded,
        coalesce(sum(ledger_days_clocked.fit_points), 0) as fit_event_points,
        coalesce(sum(case
            when ledger_days_clocked.event_date = clocks.score_date
                then ledger_days_clocked.engagement_points
        end), 0) as engagement_points_on_day,
        coalesce(sum(case
            when ledger_days_clocked.event_date = clocks.score_date
                then ledger_days_clocked.fit_points
        end), 0) as fit_points_on_day,
        coalesce(sum(case
            when ledger_days_clocked.event_date = clocks.score_date
                then ledger_days_clocked.n_ledger_rows
        end), 0) as n_ledger_rows_on_day,
        coalesce(max(case
            when ledger_days_clocked.event_date = clocks.score_date
                then ledger_days_clocked.has_hand_raiser
        end), 0) = 1 as has_hand_raiser,
        max(case
            when ledger_days_clocked.has_hand_raiser = 1 then ledger_days_clocked.event_date
        end) as last_hand_raiser_date
    from target_clocks as clocks
    left join ledger_days_clocked
        on clocks.contact_id = ledger_days_clocked.contact_id
            and clocks.score_date >= ledger_days_clocked.event_date
    group by clocks.contact_id, clocks.score_date, clocks.decay_clock, clocks.last_activity_date
),

totals as (
    select
        scored.*,
        {{ clicktrail.round_double('scored.engagement_score_unrounded', 4) }} as engagement_score,
        coalesce(fit_scores.crm_fit_points, 0) + scored.fit_event_points as fit_score,
        {{ clicktrail.round_double(
            'scored.engagement_score_unrounded'
            ~ ' + coalesce(fit_scores.crm_fit_points, 0) + scored.fit_event_points',
            4
        ) }} as total_score
    from scored
    left join fit_scores
        on scored.contact_id = fit_scores.contact_id
),

-- Qualifying: the MQL basis score reaches the threshold, or a hand-raiser event within the
-- hold period. Break: not qualifying and below the recycle threshold.
qualification as (
    select
        *,
        {{ basis_column }} >= {{ settings.mql_threshold }}
        or (
            last_hand_raiser_date is not null
            and {{ dbt.datediff('last_hand_raiser_date', 'score_date', 'day') }}
            < {{ settings.hand_raiser_hold_days }}
        ) as is_mql_qualifying
    from totals
),

breaks as (
    select
        *,
        not is_mql_qualifying
        and {{ basis_column }} < {{ settings.recycle_threshold }} as is_mql_break
    from qualification
),

-- In an MQL episode while the last qualifying day is later than the last break day (with
-- neither among the target days, the carried state).
states as (
    select
        breaks.*,
        coalesce(carried_states.carried_is_mql, false) as carried_is_mql,
        coalesce(carried_states.carried_mql_starts, 0) as carried_mql_starts,
        max(case when breaks.is_mql_qualifying then breaks.score_date end) over (
            partition by breaks.contact_id order by breaks.score_date
            rows between unbounded preceding and current row
        ) as last_qualifying_date,
        max(case when breaks.is_mql_break then breaks.score_date end) over (
            partition by breaks.contact_id order by breaks.score_date
            rows between unbounded preceding and current row
        ) as last_break_date
    from breaks
    left join carried_states
        on breaks.contact_id = carried_states.contact_id
),

mql_states as (
    select
        *,
        case
            when last_qualifying_date is null and last_break_date is null then carried_is_mql
            when last_qualifying_date is null then false
            when last_break_date is null then true
            else last_qualifying_date > last_break_date
        end as is_mql
    from states
),

mql_starts as (
    select
        *,
        is_mql and not coalesce(lag(is_mql) over (
            partition by contact_id order by score_date
        ), carried_is_mql) as is_mql_start
    from mql_states
),

final as (
    select
        contact_id,
        score_date,
        engagement_score,
        cast(fit_score as integer) as fit_score,
        total_score,
        {{ clicktrail.lead_fit_grade('fit_score') }} as fit_grade,
        cast(engagement_points_on_day as integer) as engagement_points_on_day,
        cast(fit_points_on_day as integer) as fit_points_on_day,
        cast(n_ledger_rows_on_day as integer) as n_ledger_rows_on_day,
        has_hand_raiser,
        last_activity_date,
        decay_clock,
        is_mql_qualifying,
        is_mql,
        is_mql_start,
        cast(carried_mql_starts + sum(case when is_mql_start then 1 else 0 end) over (
            partition by contact_id order by score_date
            rows between unbounded preceding and current row
        ) as integer) as n_mql_starts_to_date,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from mql_starts
)

select * from final
