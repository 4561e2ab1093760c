{{ config(materialized='table', enabled=var('clicktrail__using_snowplow', false)) }}

-- Every raw Snowplow event row, the fields we use typed, with a reject_reason when the row
-- cannot be staged and an occurrence rank for Snowplow's own dedupe: per event_id the row
-- first received by the collector wins; then per page_view_id (web_page context) the
-- page_view with the earliest derived_tstamp wins. No row is dropped here: stg_ and the
-- quarantine split this model. Late events (device sent > 3 days after created) and events
-- without domain_sessionid are kept: sessions decide what to do with them.
with

source_rows as (
    select * from {{ source('snowplow', 'events') }}
),

trimmed as (
    select
        nullif(trim(event_id), '') as event_id,
        coalesce(nullif(trim(event_name), ''), nullif(trim(event), '')) as event_name,
        nullif(trim(app_id), '') as app_id,
        nullif(trim(platform), '') as platform,
        nullif(trim(collector_tstamp), '') as collector_tstamp_text,
        nullif(trim(derived_tstamp), '') as derived_tstamp_text,
        nullif(trim(dvce_created_tstamp), '') as dvce_created_tstamp_text,
        nullif(trim(dvce_sent_tstamp), '') as dvce_sent_tstamp_text,
        nullif(trim(domain_userid), '') as domain_userid,
        nullif(trim(network_userid), '') as network_userid,
        nullif(trim(user_id), '') as user_id,
        nullif(trim(domain_sessionid), '') as domain_sessionid,
        nullif(trim(domain_sessionidx), '') as domain_sessionidx_text,
        nullif(trim(page_url), '') as page_url,
        nullif(trim(page_title), '') as page_title,
        nullif(trim(page_referrer), '') as page_referrer,
        nullif(trim(mkt_source), '') as mkt_source,
        nullif(trim(mkt_medium), '') as mkt_medium,
        nullif(trim(mkt_campaign), '') as mkt_campaign,
        nullif(trim(mkt_term), '') as mkt_term,
        nullif(trim(mkt_content), '') as mkt_content,
        nullif(trim(mkt_clickid), '') as mkt_clickid,
        nullif(trim(mkt_network), '') as mkt_network,
        nullif(trim(useragent), '') as user_agent,
        nullif(trim(br_family), '') as browser,
        nullif(trim(os_family), '') as operating_system,
        nullif(trim(dvce_type), '') as device_type,
        nullif(lower(trim(dvce_ismobile)), '') as device_is_mobile_text,
        nullif(trim(geo_country), '') as country,
        nullif(trim(geo_city), '') as city,
        nullif(trim(pp_yoffset_max), '') as pp_yoffset_max_text,
        nullif(trim(br_viewheight), '') as br_viewheight_text,
        nullif(trim(doc_height), '') as doc_height_text,
        nullif(trim(se_category), '') as se_category,
        nullif(trim(se_action), '') as se_action,
        nullif(trim(se_label), '') as se_label,
        nullif(trim(contexts_com_snowplowanalytics_snowplow_web_page_1_0_0), '')
            as web_page_context,
        filename
    from source_rows
),

typed as (
    select
        *,
        {{ clicktrail.parse_timestamp_utc('collector_tstamp_text') }} as collector_tstamp,
        {{ clicktrail.parse_timestamp_utc('derived_tstamp_text') }} as derived_tstamp,
        {{ clicktrail.parse_timestamp_utc('dvce_created_tstamp_text') }} as dvce_created_tstamp,
        {{ clicktrail.parse_timestamp_utc('dvce_sent_tstamp_text') }} as dvce_sent_tstamp,
        case
            when web_page_context is not null
                and {{ clicktrail.json_is_valid('web_page_context') }}
                then {{ clicktrail.json_get_text('web_page_context', '$[0].id') }}
        end as page_view_id,
        {{ dbt.concat([
            "coalesce(event_id, '')", "','", "coalesce(event_name, '')", "','",
            "coalesce(collector_tstamp_text, '')", "','", "coalesce(derived_tstamp_text, '')",
            "','", "coalesce(dvce_created_tstamp_text, '')", "','",
            "coalesce(dvce_sent_tstamp_text, '')", "','", "coalesce(domain_userid, '')", "','",
            "coalesce(user_id, '')", "','", "coalesce(domain_sessionid, '')", "','",
            "coalesce(page_url, '')", "','", "coalesce(web_page_context, '')",
        ]) }} as raw_payload
    from trimmed
),

checked as (
    select
        *,
        coalesce(derived_tstamp, collector_tstamp) as occurred_at,
        case
            when event_id is null then 'missing_event_id'
            when derived_tstamp_text is null and collector_tstamp_text is null
                then 'missing_timestamp'
            when coalesce(derived_tstamp, collector_tstamp) is null then 'invalid_timestamp'
            when event_name is null then 'missing_event_name'
            when domain_userid is null and user_id is null then 'missing_identifier'
        end as reject_reason
    from typed
),

-- Snowplow delivers at least once: per event_id the row the collector received first wins.
event_ranked as (
    select
        *,
        row_number() over (
            partition by reject_reason is null, coalesce(event_id, raw_payload)
            order by collector_tstamp, derived_tstamp, filename, raw_payload
        ) as event_id_rank
    from checked
),

-- Then one page_view per page_view_id (Snowplow's page view key): the earliest wins.
page_view_ranked as (
    select
        *,
        row_number() over (
            partition by
                reject_reason is null,
                event_id_rank,
                case
                    when event_name = 'page_view' and page_view_id is not null
                        then {{ dbt.concat(["'page_view:'", "page_view_id"]) }}
                    else {{ dbt.concat(["'event:'", "coalesce(event_id, raw_payload)"]) }}
                end
            order by derived_tstamp, collector_tstamp, event_id, filename, raw_payload
        ) as page_view_rank
    from event_ranked
),

final as (
    select
        *,
        case
            when event_id_rank > 1 then event_id_rank
            else page_view_rank
        end as occurrence_rank,
        row_number() over (
            partition by filename, raw_payload
            order by event_id
        ) as payload_occurrence
    from page_view_ranked
)

select * from final
