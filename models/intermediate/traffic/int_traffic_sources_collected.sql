-- Every distinct (source, medium, campaign) triple seen on web events and email touches,
-- so that the channel rules run once per triple in int_traffic_sources_channeled.
with

final as (
    select
        cast(null as varchar) as traffic_source,
        cast(null as varchar) as traffic_medium,
        cast(null as varchar) as traffic_campaign,
    where false
)

select * from final
