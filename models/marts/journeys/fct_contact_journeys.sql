{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='journey_id',
    on_schema_change='fail',
    post_hook=[
        "{{ clicktrail.delete_orphan_rows(
            ref('int_conversion_touches_windowed'), 'conversion_id'
        ) }}",
        "{{ clicktrail.delete_stale_open_journeys(ref('fct_touchpoints')) }}",
    ],
) }}

-- depends_on: {{ ref('dim_contacts') }}
-- The scope of an incremental run is a set of CTEs at the top level, not an indented block.
-- sqlfluff:indentation:template_blocks_indent:False
-- One row per contact x conversion (the touches in the conversion's lookback window, the
-- same path attribution credits) plus one open journey per contact whose touches after its
-- last conversion (or ever, if it never converted) have not converted yet. Paths and
-- transforms: doc block `journey_paths`.
-- Incremental (DECISIONLOG D-034): a run rewrites every journey of the contacts
-- dim_contacts or fct_touchpoints rewrote since its last run, and the journeys of
-- conversions without a contact (few, no touches); delete+insert on journey_id replaces
-- them. Post-hooks delete journeys of conversions that no longer exist and open journeys
-- that are no longer open. Where the adapter has no delete+insert the model is a table.
{%- set double = clicktrail.type_double() %}

with
{%- if is_incremental() %}

affected_contacts as (
    {{ clicktrail.contacts_rewritten_since_last_run() }}
),
{%- endif %}

conversion_touches as (
    select * from {{ ref('int_conversion_touches_windowed') }}
    {%- if is_incremental() %}
    where contact_id is null
        or contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

touchpoints as (
    select * from {{ ref('fct_touchpoints') }}
    {%- if is_incremental() %}
    where contact_id in (select affected_contacts.contact_id from affected_contacts)
    {%- endif %}
),

contact_first_touches as (
    select
        contact_id,
        touched_at as first_ever_touch_at
    from touchpoints
    where contact_touch_number = 1
),

last_conversions as (
    select
        contact_id,
        max(converted_at) as last_converted_at
    from conversion_touches
    where contact_id is not null
    group by contact_id
),

converted_journey_touches as (
    select
        conversion_id as journey_id,
        contact_id,
        conversion_id,
        conversion_name,
        conversion_value,
        converted_at,
        lookback_days,
        touchpoint_id,
        touched_at,
        channel,
        campaign
    from conversion_touches
),

open_journey_touches as (
    select
        {{ dbt.concat(["'open:'", "touchpoints.contact_id"]) }} as journey_id,
        touchpoints.contact_id,
        cast(null as {{ dbt.type_string() }}) as conversion_id,
        cast(null as {{ dbt.type_string() }}) as conversion_name,
        cast(null as {{ double }}) as conversion_value,
        cast(null as {{ dbt.type_timestamp() }}) as converted_at,
        cast(null as {{ dbt.type_int() }}) as lookback_days,
        touchpoints.touchpoint_id,
        touchpoints.touched_at,
        touchpoints.channel,
        touchpoints.campaign
    from touchpoints
    left join last_conversions
        on touchpoints.contact_id = last_conversions.contact_id
    where last_conversions.last_converted_at is null
        or touchpoints.touched_at > last_conversions.last_converted_at
),

journey_touches as (
    select * from converted_journey_touches
    union all
    select * from open_journey_touches
),

tokenized as (
    select
        *,
        case
            when touchpoint_id is not null
                then {{ clicktrail.journey_path_token('channel', 'campaign') }}
        end as path_token,
        row_number() over (
            partition by journey_id order by touched_at, touchpoint_id
        ) as touch_index,
        count(touchpoint_id) over (partition by journey_id) as journey_n_touches
    from journey_touches
),

flagged as (
    select
        *,
        coalesce(
            path_token != lag(path_token) over (
                partition by journey_id order by touch_index
            ),
            true
        ) as is_new_step,
        row_number() over (
            partition by journey_id, path_token order by touch_index
        ) = 1 as is_first_occurrence
    from tokenized
),

journeys as (
    select
        journey_id,
        contact_id,
        conversion_id,
        conversion_name,
        conversion_value,
        converted_at,
        lookback_days,
        count(touchpoint_id) as n_touches,
        count(distinct channel) as n_channels,
        min(touched_at) as first_touch_at,
        max(touched_at) as last_touch_at,
        max(case when touch_index = 1 then channel end) as first_touch_channel,
        max(case when touch_index = journey_n_touches then channel end)
            as last_touch_channel,
        {{ dbt.listagg("path_token", "' > '", "order by touch_index") }} as journey_path,
        {{ dbt.listagg(
            "case when is_new_step then path_token end", "' > '", "order by touch_index"
        ) }} as journey_path_collapsed,
        {{ dbt.listagg(
            "case when is_first_occurrence then path_token end",
            "' > '",
            "order by touch_index"
        ) }} as journey_path_first_occurrence
    from flagged
    group by
        journey_id,
        contact_id,
        conversion_id,
        conversion_name,
        conversion_value,
        converted_at,
        lookback_days
),

final as (
    select
        journeys.journey_id,
        journeys.contact_id,
        case
            when journeys.conversion_id is null then 'open' else 'converted'
        end as journey_status,
        journeys.conversion_id is not null as is_converted,
        journeys.conversion_id,
        journeys.conversion_name,
        journeys.conversion_value,
        journeys.converted_at,
        journeys.lookback_days,
        cast(journeys.n_touches as {{ dbt.type_int() }}) as n_touches,
        cast(journeys.n_channels as {{ dbt.type_int() }}) as n_channels,
        journeys.first_touch_at,
        journeys.last_touch_at,
        journeys.first_touch_channel,
        journeys.last_touch_channel,
        journeys.journey_path,
        journeys.journey_path_collapsed,
        journeys.journey_path_first_occurrence,
        cast(
            {{ dbt.datediff(
                'journeys.first_touch_at',
                'coalesce(journeys.converted_at, journeys.last_touch_at)',
                'second'
            ) }} as {{ double }}
        ) / 86400 as days_from_first_touch,
        case
            when contact_first_touches.first_ever_touch_at <= journeys.converted_at
                then cast(
                    {{ dbt.datediff(
                        'contact_first_touches.first_ever_touch_at',
                        'journeys.converted_at',
                        'second'
                    ) }} as {{ double }}
                    ) / 86400
        end as time_to_convert_days,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from journeys
    left join contact_first_touches
        on journeys.contact_id = contact_first_touches.contact_id
)

select * from final
