{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='web_event_id',
    on_schema_change='fail',
) }}

-- Web events with their page URL and referrer parsed by the shared link macros (host, path,
-- UTMs, click ids, recipient tokens) and the event's own traffic source: UTMs (the event's
-- collected values, else the page URL's), then a paid click id, then an external referrer,
-- else (direct) / (none). The site's own domains (var clicktrail__site_domains) are never a
-- referrer. traffic_key is the key of the (source, medium, campaign) triple.
-- Incremental: only events written to int_web_events_unioned since the last run.
with

web_events as (
    select * from {{ ref('int_web_events_unioned') }}
    where {{ clicktrail.changed_since_last_run() }}
),

urls as (
    select * from {{ ref('int_urls_parsed') }}
),

source_categories as (
    select
        lower(source) as source,  -- noqa: RF04
        min(source_category) as source_category
    from {{ ref('ga4_source_categories') }}
    group by lower(source)
),

parsed as (
    select
        web_events.*,
        pages.url_host as page_host,
        pages.url_path as page_path,
        pages.page_url_clean,
        pages.is_parseable as is_page_url_parseable,
        pages.recipient_token as page_recipient_token,
        pages.recipient_token_type as page_recipient_token_type,
        coalesce(pages.click_id, web_events.gclid) as click_id,
        coalesce(
            pages.click_id_type,
            case when web_events.gclid is not null then 'gclid' end
        ) as click_id_type,
        coalesce(web_events.utm_source, pages.utm_source) as resolved_utm_source,
        coalesce(web_events.utm_medium, pages.utm_medium) as resolved_utm_medium,
        coalesce(web_events.utm_campaign, pages.utm_campaign) as resolved_utm_campaign,
        coalesce(web_events.utm_term, pages.utm_term) as resolved_utm_term,
        coalesce(web_events.utm_content, pages.utm_content) as resolved_utm_content,
        referrers.url_host as referrer_host
    from web_events
    left join urls as pages
        on web_events.page_url = pages.url
    left join urls as referrers
        on web_events.page_referrer = referrers.url
),

categorised as (
    select
        parsed.*,
        source_categories.source_category as referrer_source_category
    from parsed
    left join source_categories
        on {{ clicktrail.normalize_referrer_host('parsed.referrer_host') }}
            = source_categories.source
),

sourced as (
    select
        *,
        {{ clicktrail.traffic_source_from_signals(
            'resolved_utm_source', 'resolved_utm_medium', 'click_id_type', 'referrer_host',
            referrer_source_category='referrer_source_category',
        ) }},
        resolved_utm_campaign as traffic_campaign
    from categorised
),

-- The join key of int_traffic_sources_channeled, written here so that
-- int_web_events_enriched (a view) joins the channel without hashing on every read.
final as (
    select
        *,
        {{ clicktrail.traffic_key('traffic_source', 'traffic_medium', 'traffic_campaign') }}
            as traffic_key
    from sourced
)

select * from final
