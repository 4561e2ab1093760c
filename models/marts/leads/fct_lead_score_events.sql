{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='lead_score_event_id',
    on_schema_change='fail',
    post_hook="{{ clicktrail.delete_rows_not_rewritten(
        ref('fct_contact_events'), 'contact_event_id', 'contact_id'
    ) }}",
) }}

-- The lead-score ledger: one row per eligible event x scoring rule it matched, with the
-- points it earned and why. Caps are applied here, deterministically: per contact and rule,
-- periods of cap_period_days run back to back from the contact's first match of the rule
-- (no cap_period_days: one lifetime period); within a period events are taken in time order
-- (ties: contact_event_id) and the points beyond cap_points_per_period (in absolute value)
-- become 0 ('capped'; the event that reaches the cap keeps the remainder, 'capped_partially').
-- Incremental (DECISIONLOG D-017): caps make a contact's rows depend on each other, so a run
-- rewrites every row of each contact with an event written by fct_contact_events since its
-- last run, under the event's new contact and the one it had here before (an event that
-- moved); the post-hook deletes the rows the run no longer produces.
with

all_matched as (
    select * from {{ ref('int_lead_score_rules_matched') }}
),
{%- if is_incremental() %}

changed_events as (
    select
        contact_event_id,
        contact_id
    from {{ ref('fct_contact_events') }}
    where {{ clicktrail.changed_since_last_run() }}
),

affected_contacts as (
    select changed_events.contact_id from changed_events
    where changed_events.contact_id is not null

    union

    select built.contact_id from {{ this }} as built
    inner join changed_events
        on built.contact_event_id = changed_events.contact_event_id
),
{%- endif %}

matched as (
    select * from all_matched
    {%- if is_incremental() %}
    where contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

first_matches as (
    select
        *,
        min(event_date) over (partition by contact_id, rule_id) as first_match_date
    from matched
),

match_ages as (
    select
        *,
        {{ dbt.datediff('first_match_date', 'event_date', 'day') }} as days_since_first_match  -- noqa: LT05
    from first_matches
),

-- No cap_period_days: one lifetime period (index 0).
periods as (
    select
        *,
        cast(
            coalesce(
                floor(
                    cast(days_since_first_match as {{ clicktrail.type_double() }})
                    / cap_period_days
                ),
                0
            ) as integer
        ) as cap_period_index
    from match_ages
),

running as (
    select
        *,
        coalesce(sum(abs(base_points)) over (
            partition by contact_id, rule_id, cap_period_index
            order by occurred_at, contact_event_id
            rows between unbounded preceding and 1 preceding
        ), 0) as period_points_before
    from periods
),

capped as (
    select
        *,
        case
            when cap_points_per_period is null then base_points
            when base_points < 0
                then -greatest(
                        0, least(-base_points, cap_points_per_period - period_points_before)
                    )
            else greatest(0, least(base_points, cap_points_per_period - period_points_before))
        end as points
    from running
),

reasoned as (
    select
        *,
        case
            when base_points = 0 then 'zero_by_rule'
            when points = 0 then 'capped'
            when points != base_points then 'capped_partially'
            else 'scored'
        end as reason_code,
        case when points > 0 then '+' else '' end as points_sign,
        case
            when cap_period_days is null then 'for life'
            else {{ dbt.concat([
                "'per '", "cast(cap_period_days as " ~ dbt.type_string() ~ ")", "' days'"
            ]) }}
        end as cap_window
    from capped
),

explained as (
    select
        *,
        {{ dbt.concat([
            "rule_id",
            "' '",
            "points_sign",
            "cast(points as " ~ dbt.type_string() ~ ")",
            "case when reason_code = 'capped' then ' (capped: ' "
                ~ "when reason_code = 'capped_partially' then ' (partially capped: ' "
                ~ "else '' end",
            "case when reason_code in ('capped', 'capped_partially') then "
                ~ dbt.concat([
                    "cast(cap_points_per_period as " ~ dbt.type_string() ~ ")",
                    "' points '",
                    "cap_window",
                    "')'",
                ])
                ~ " else '' end",
        ]) }} as reason
    from reasoned
),

final as (
    select
        lead_score_event_id,
        contact_event_id,
        contact_id,
        rule_id,
        score_group,
        event_stream,
        event_type,
        occurred_at,
        event_date,
        page_path,
        form_type,
        base_points,
        cast(points as integer) as points,
        reason_code,
        reason,
        rule_description,
        reason_code in ('capped', 'capped_partially') as is_capped,
        cap_points_per_period,
        cap_period_days,
        cap_period_index,
        cast({{ dbt.dateadd(
            'day', 'cap_period_index * coalesce(cap_period_days, 0)', 'first_match_date'
        ) }} as date) as cap_period_start_date,
        cast(period_points_before as integer) as period_points_before,
        is_hand_raiser,
        is_disqualifier,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from explained
)

select * from final
