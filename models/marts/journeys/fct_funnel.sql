-- One row per contact x funnel stage (seed funnel_stages) for every contact with at least
-- one stage event: when the stage was first seen at all and when it was reached in order
-- (every earlier stage reached at or before it), with the contact's first-touch channel
-- and campaign. Out-of-order handling: doc block `funnel_stages`.
{%- set max_stages = 10 %}

with

contact_events as (
    select * from {{ ref('fct_contact_events') }}
),

funnel_stages as (
    select * from {{ ref('funnel_stages') }}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
),

stages as (
    select
        *,
        dense_rank() over (order by stage_order) as stage_rank
    from funnel_stages
),

stage_events as (
    select
        contact_events.contact_id,
        stages.stage_rank,
        contact_events.occurred_at
    from contact_events
    inner join stages
        on contact_events.event_stream = stages.event_stream
            and contact_events.event_type = stages.event_type
            and (
                stages.form_type is null
                or contact_events.form_type = stages.form_type
            )
            and (
                stages.page_path_like is null
                or contact_events.page_path like stages.page_path_like
            )
            and (
                stages.engagement_quality is null
                or contact_events.engagement_quality = stages.engagement_quality
            )
    where contact_events.contact_id is not null
),

first_seen as (
    select
        contact_id,
        stage_rank,
        min(occurred_at) as first_seen_at
    from stage_events
    group by contact_id, stage_rank
),

reached as (
    {{ clicktrail.funnel_stages_reached('stage_events', 'contact_id', max_stages) }}
),

funnel_contacts as (
    select distinct contact_id from first_seen
),

first_touches as (
    select
        contact_id,
        channel as first_touch_channel,
        coalesce(campaign, '(none)') as first_touch_campaign
    from touchpoints
    where contact_touch_number = 1
),

contact_stages as (
    select
        funnel_contacts.contact_id,
        stages.stage_rank,
        stages.stage_order,
        stages.stage_name,
        first_seen.first_seen_at,
        reached.reached_at
    from funnel_contacts
    cross join stages
    left join first_seen
        on funnel_contacts.contact_id = first_seen.contact_id
            and stages.stage_rank = first_seen.stage_rank
    left join reached
        on funnel_contacts.contact_id = reached.contact_id
            and stages.stage_rank = reached.stage_rank
),

with_previous as (
    select
        *,
        lag(reached_at) over (
            partition by contact_id order by stage_rank
        ) as previous_stage_reached_at
    from contact_stages
),

final as (
    select
        {{ dbt.concat([
            "with_previous.contact_id", "'|'", "with_previous.stage_name"
        ]) }} as funnel_stage_id,
        with_previous.contact_id,
        cast(with_previous.stage_order as {{ dbt.type_int() }}) as stage_order,
        with_previous.stage_name,
        with_previous.first_seen_at,
        with_previous.reached_at,
        with_previous.reached_at is not null as is_reached,
        with_previous.first_seen_at is not null
        and with_previous.reached_at is null as is_seen_out_of_order,
        with_previous.previous_stage_reached_at,
        case
            when with_previous.stage_rank > 1 and with_previous.reached_at is not null
                then cast({{ dbt.datediff(
                    'with_previous.previous_stage_reached_at',
                    'with_previous.reached_at',
                    'second'
                ) }} as {{ dbt.type_bigint() }})
        end as seconds_from_previous_stage,
        coalesce(first_touches.first_touch_channel, '(no touch)') as first_touch_channel,
        coalesce(first_touches.first_touch_campaign, '(no touch)') as first_touch_campaign
    from with_previous
    left join first_touches
        on with_previous.contact_id = first_touches.contact_id
)

select * from final
