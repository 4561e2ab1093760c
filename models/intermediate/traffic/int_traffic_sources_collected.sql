-- Every distinct (source, medium, campaign) triple seen on web events, so that the channel
-- rules run once per triple in int_traffic_sources_channeled.
with

web_events as (
    select * from {{ ref('int_web_events_sourced') }}
),

final as (
    select distinct
        traffic_source,
        traffic_medium,
        traffic_campaign
    from web_events
)

select * from final
