-- One row per distinct (source, medium, campaign) triple, case ignored, with its GA4
-- source category and default channel group. Raw values are kept (one spelling per
-- case-variant group); traffic_key is the join key for event models.
with

traffic_sources_collected as (
    select * from {{ ref('int_traffic_sources_collected') }}  -- noqa: CV03
),

ga4_source_categories as (
    select
        lower(source) as listed_source,
        source_category
    from {{ ref('ga4_source_categories') }}
),

keyed_triples as (
    select distinct
        {{ clicktrail.traffic_key(
            'traffic_source', 'traffic_medium', 'traffic_campaign'
        ) }} as traffic_key,
        traffic_source,
        traffic_medium,
        traffic_campaign
    from traffic_sources_collected
),

-- Triples that differ only in case share a key: keep one spelling, the first in a total
-- order of the raw values (within a key, nulls sit in the same columns).
ranked_triples as (
    select
        *,
        row_number() over (
            partition by traffic_key
            order by traffic_source, traffic_medium, traffic_campaign
        ) as spelling_rank
    from keyed_triples
),

distinct_triples as (
    select
        traffic_key,
        traffic_source,
        traffic_medium,
        traffic_campaign
    from ranked_triples
    where spelling_rank = 1
),

lookup_keys as (
    select
        *,
        lower(traffic_source) as source_exact,
        case
            when lower(traffic_source) like 'www.%'
                then substr(lower(traffic_source), 5)
            when lower(traffic_source) like 'm.%'
                then substr(lower(traffic_source), 3)
        end as source_without_prefix
    from distinct_triples
),

categorized as (
    select
        lookup_keys.traffic_key,
        lookup_keys.traffic_source,
        lookup_keys.traffic_medium,
        lookup_keys.traffic_campaign,
        coalesce(
            exact_match.source_category,
            prefix_match.source_category
        ) as source_category
    from lookup_keys
    left join ga4_source_categories as exact_match
        on lookup_keys.source_exact = exact_match.listed_source
    left join ga4_source_categories as prefix_match
        on lookup_keys.source_without_prefix = prefix_match.listed_source
),

final as (
    select
        traffic_key,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        source_category,
        {{ clicktrail.is_paid_medium('traffic_medium') }} as is_paid_medium,
        {{ clicktrail.default_channel_group(
            'traffic_source',
            'traffic_medium',
            'traffic_campaign',
            'source_category'
        ) }} as channel_group
    from categorized
)

select * from final  -- noqa: CV03
