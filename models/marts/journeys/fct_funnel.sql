{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='contact_id',
    on_schema_change='fail',
    post_hook=[
        "{{ clicktrail.delete_rows_not_rewritten(ref('dim_contacts'), 'contact_id') }}",
        "{{ clicktrail.delete_orphan_rows(ref('dim_contacts'), 'contact_id') }}",
    ],
) }}

-- depends_on: {{ ref('dim_contacts') }}
-- The scope of an incremental run is a set of CTEs at the top level, not an indented block.
-- sqlfluff:indentation:template_blocks_indent:False
-- One row per contact x funnel stage (seed funnel_stages) for every contact with at least
-- one stage event: when the stage was first seen at all and when it was reached in order
-- (every earlier stage reached at or before it), with the contact's first-touch channel
-- and campaign. Out-of-order handling: doc block `funnel_stages`.
-- Incremental (DECISIONLOG D-034): a contact's rows depend on its events and its first
-- touch. A run rewrites the contacts dim_contacts rewrote since this model's last run
-- (every contact with an event written to fct_contact_events since then, or whose
-- identifier set changed, which is how a contact loses events to another) and those whose
-- first touch in fct_touchpoints differs from the one built. delete+insert replaces the
-- rows of the contacts that still have a stage event; post-hooks delete the older rows of a
-- contact dim_contacts rewrote that this run did not write again (its last stage event
-- moved away or became a bot's) and contacts dim_contacts no longer holds. Where the
-- adapter has no delete+insert the model is a table.
{%- set max_stages = 10 %}

with
{%- if is_incremental() %}

affected_contacts as (
    select rewritten.contact_id from {{ ref('dim_contacts') }} as rewritten
    where {{ clicktrail.changed_since_last_run('rewritten._loaded_at') }}

    union

    select built.contact_id from {{ this }} as built
    left join {{ ref('fct_touchpoints') }} as first_touches
        on built.contact_id = first_touches.contact_id
            and first_touches.contact_touch_number = 1
    where built.first_touch_channel != coalesce(first_touches.channel, '(no touch)')
        or built.first_touch_campaign != case
            when first_touches.contact_id is null then '(no touch)'
            else coalesce(first_touches.campaign, '(none)')
        end
),
{%- endif %}

contact_events as (
    select * from {{ ref('fct_contact_events') }}
    {%- if is_incremental() %}
    where contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
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
        coalesce(first_touches.first_touch_campaign, '(no touch)') as first_touch_campaign,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from with_previous
    left join first_touches
        on with_previous.contact_id = first_touches.contact_id
)

select * from final
