{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='web_event_id',
    on_schema_change='fail',
) }}

-- Web events with page, traffic source and GA4 default channel group: what sessions,
-- identity and touchpoints read. Incremental: only events written upstream since the last run.
with

sourced as (
    select * from {{ ref('int_web_events_sourced') }}
    where {{ clicktrail.changed_since_last_run() }}
),

channels as (
    select * from {{ ref('int_traffic_sources_channeled') }}
),

keyed as (
    select
        *,
        {{ clicktrail.traffic_key('traffic_source', 'traffic_medium', 'traffic_campaign') }}
            as traffic_key,
    from sourced
),

final as (
    select
        keyed.*,
        channels.channel_group,
        channels.source_category as traffic_source_category,
    from keyed
    left join channels
        on keyed.traffic_key = channels.traffic_key
)

select * from final
