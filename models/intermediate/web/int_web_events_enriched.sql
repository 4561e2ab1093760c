{{ config(materialized='view') }}

-- Web events with page, traffic source and GA4 default channel group: what sessions,
-- identity and touchpoints read. A view (DECISIONLOG D-028): the channel columns are a
-- lookup on int_web_events_sourced's traffic_key; as a table it was one more copy of every
-- web event (0.9 GB at 10M events). Readers' filters (e.g. on _loaded_at) reach the
-- table below.
with

sourced as (
    select * from {{ ref('int_web_events_sourced') }}
),

channels as (
    select * from {{ ref('int_traffic_sources_channeled') }}
),

final as (
    select
        sourced.*,
        channels.channel_group,
        channels.source_category as traffic_source_category
    from sourced
    left join channels
        on sourced.traffic_key = channels.traffic_key
)

select * from final
