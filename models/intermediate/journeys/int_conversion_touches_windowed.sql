-- One row per conversion x touch of the same contact inside the conversion's lookback
-- window (touched_at in [converted_at - lookback_days, converted_at], both ends included),
-- plus one row with a null touch for a conversion that has no touch in its window. Carries
-- the contact's lead-creation and opportunity-creation milestones as of the conversion, for
-- W-shaped attribution (doc block `attribution_rules`).
{%- set default_lookback_days = var('clicktrail__attribution_lookback_days', 90) %}

with

conversions as (
    select * from {{ ref('int_conversions') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

milestone_times as (
    select
        *,
        case when milestone = 'lead_creation' then occurred_at end as lead_occurred_at,
        case
            when milestone = 'opportunity_creation' then occurred_at
        end as opportunity_occurred_at
    from conversions
),

-- Milestones as of each conversion: the contact's first lead creation and latest
-- opportunity creation at or before it (the conversion itself included).
milestones_to_date as (
    select
        *,
        min(lead_occurred_at) over (
            partition by contact_id
            order by occurred_at, conversion_id
            rows between unbounded preceding and current row
        ) as first_lead_created_at,
        max(opportunity_occurred_at) over (
            partition by contact_id
            order by occurred_at, conversion_id
            rows between unbounded preceding and current row
        ) as latest_opportunity_created_at
    from milestone_times
),

conversion_milestones as (
    select
        conversion_id,
        conversion_name,
        milestone,
        event_stream,
        contact_id,
        occurred_at as converted_at,
        conversion_value,
        coalesce(lookback_days, {{ default_lookback_days }}) as lookback_days,
        -- Conversions without a contact share no milestones.
        case when contact_id is not null then first_lead_created_at end as lead_created_at,
        case
            when contact_id is not null then latest_opportunity_created_at
        end as opportunity_created_at
    from milestones_to_date
),

windowed as (
    select
        *,
        {{ dbt.dateadd('day', '-1 * lookback_days', 'converted_at') }} as window_starts_at
    from conversion_milestones
),

final as (
    select
        {{ dbt.concat([
            "windowed.conversion_id",
            "'|'",
            "coalesce(touchpoints.touchpoint_id, '(unattributed)')",
        ]) }} as conversion_touch_id,
        windowed.conversion_id,
        windowed.conversion_name,
        windowed.milestone,
        windowed.event_stream,
        windowed.contact_id,
        windowed.converted_at,
        windowed.conversion_value,
        windowed.lookback_days,
        windowed.window_starts_at,
        windowed.lead_created_at,
        windowed.opportunity_created_at,
        touchpoints.touchpoint_id,
        touchpoints.touched_at,
        touchpoints.touch_type,
        touchpoints.channel,
        touchpoints.source,
        touchpoints.medium,
        touchpoints.campaign,
        touchpoints.campaign_id,
        touchpoints.is_direct
    from windowed
    left join touchpoints
        on windowed.contact_id = touchpoints.contact_id
            and windowed.window_starts_at <= touchpoints.touched_at
            and windowed.converted_at >= touchpoints.touched_at
)

select * from final
