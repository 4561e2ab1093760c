{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='lead_score_event_id',
    on_schema_change='fail',
    post_hook="{{ clicktrail.delete_rows_not_rewritten(
        ref('fct_contact_events'), 'contact_event_id'
    ) }}",
) }}

-- One row per eligible event x scoring rule it matches (seed lead_scoring_rules). Rules
-- stack: an event matching several rules (a pricing page view is a page_view too) earns
-- each rule's points. Points and caps are applied in fct_lead_score_events.
-- Incremental (DECISIONLOG D-017): a run matches the contact events fct_contact_events wrote
-- since its last run; the post-hook deletes the rows of those events that no longer match
-- (the event became ineligible or lost its contact). A seed change needs --full-refresh.
with

events as (
    select * from {{ ref('int_lead_score_events_eligible') }}
    where {{ clicktrail.changed_since_last_run() }}
),

rules_seed as (
    select * from {{ ref('lead_scoring_rules') }}
),

-- Optional fields: an empty cell means "any" (some loaders give '' instead of null).
rules as (
    select
        rule_id,
        event_stream,
        event_type,
        nullif(trim(page_path_like), '') as page_path_like,
        nullif(trim(form_type), '') as form_type,
        nullif(trim(bounce_type), '') as bounce_type,
        points,
        cap_points_per_period,
        cap_period_days,
        score_group,
        is_hand_raiser,
        is_disqualifier,
        description
    from rules_seed
),

matched as (
    select
        events.contact_event_id,
        events.contact_id,
        events.event_stream,
        events.event_type,
        events.occurred_at,
        events.event_date,
        events.page_path,
        events.form_type,
        rules.rule_id,
        rules.score_group,
        rules.points as base_points,
        rules.cap_points_per_period,
        rules.cap_period_days,
        rules.is_hand_raiser,
        rules.is_disqualifier,
        rules.description as rule_description
    from events
    inner join rules
        on events.event_stream = rules.event_stream
            and events.event_type = rules.event_type
            and (
                rules.page_path_like is null
                or lower(events.page_path) like lower(rules.page_path_like)
            )
            and (rules.form_type is null or events.form_type = rules.form_type)
            and (rules.bounce_type is null or events.bounce_type = rules.bounce_type)
),

final as (
    select
        {{ dbt.hash(dbt.concat(["contact_event_id", "'|'", "rule_id"])) }}
            as lead_score_event_id,
        *,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from matched
)

select * from final
