{{ config(materialized='table', enabled=var('clicktrail__using_snowplow', false)) }}

-- Snowplow events after Snowplow's dedupe (event_id, then page_view_id), typed, UTC, renamed
-- to clicktrail's web columns (the set shared with stg_ga4__events): domain_userid is the
-- anonymous id, domain_sessionid the source session id, derived_tstamp the event time.
-- Page pings carry engaged time the way Snowplow counts it: the first ping of a page view in
-- a session is the minimum visit length, every later ping in a new heartbeat window adds
-- one heartbeat (vars clicktrail__snowplow_min_visit_length_seconds, _heartbeat_seconds).
{%- set heartbeat_s = var('clicktrail__snowplow_heartbeat_seconds', 10) %}
{%- set min_visit_s = var('clicktrail__snowplow_min_visit_length_seconds', 5) %}

with

parsed as (
    select * from {{ ref('base_snowplow__events_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

pings as (
    select
        *,
        event_name = 'page_ping' and page_view_id is not null as is_page_ping,
        coalesce({{ clicktrail.try_cast('pp_yoffset_max_text', clicktrail.type_double()) }}, 0)
        + coalesce({{ clicktrail.try_cast('br_viewheight_text', clicktrail.type_double()) }}, 0)
            as scrolled_to_px,
        {{ clicktrail.try_cast('doc_height_text', clicktrail.type_double()) }} as doc_height_px,
        cast(
            floor(
                {{ dbt.datediff(
                    "cast('1970-01-01' as " ~ dbt.type_timestamp() ~ ")",
                    'coalesce(dvce_created_tstamp, occurred_at)',
                    'second',
                ) }} / {{ heartbeat_s }}
            ) as {{ dbt.type_bigint() }}
        ) as heartbeat_window
    from parsed
),

pings_ranked as (
    select
        *,
        row_number() over (
            partition by is_page_ping, coalesce(domain_sessionid, ''), page_view_id
            order by coalesce(dvce_created_tstamp, occurred_at), event_id
        ) as ping_index,
        row_number() over (
            partition by
                is_page_ping, coalesce(domain_sessionid, ''), page_view_id, heartbeat_window
            order by coalesce(dvce_created_tstamp, occurred_at), event_id
        ) as ping_in_window_index
    from pings
),

renamed as (
    select
        {{ dbt.hash(dbt.concat(["'snowplow|'", "event_id"])) }} as web_event_id,
        'snowplow' as source_system,
        event_name as source_event_name,
        occurred_at,
        cast(occurred_at as date) as event_date,
        domain_userid as anonymous_id,
        user_id,
        cast(null as {{ dbt.type_string() }}) as email_sha256,
        domain_sessionid as source_session_id,
        {{ clicktrail.try_cast('domain_sessionidx_text', dbt.type_int()) }}
            as source_session_number,
        page_url,
        page_referrer,
        page_title,
        mkt_source as utm_source,
        mkt_medium as utm_medium,
        mkt_campaign as utm_campaign,
        mkt_term as utm_term,
        mkt_content as utm_content,
        case when lower(mkt_network) = 'google' then mkt_clickid end as gclid,
        user_agent,
        case
            when lower(device_type) = 'tablet' then 'tablet'
            when lower(device_type) = 'mobile' or device_is_mobile_text in ('true', '1')
                then 'mobile'
            when lower(device_type) = 'computer' then 'desktop'
        end as device_category,
        browser,
        operating_system,
        country,
        city,
        -- Snowplow's vertical scroll depth: the lowest point seen over the page height.
        case
            when is_page_ping and doc_height_px > 0
                then cast(
                        round(100 * least(1, greatest(0, scrolled_to_px / doc_height_px)))
                        as {{ dbt.type_int() }}
                    )
        end as scroll_percent,
        cast(null as {{ dbt.type_string() }}) as link_url,
        cast(null as {{ dbt.type_string() }}) as link_domain,
        cast(null as {{ dbt.type_boolean() }}) as is_outbound,
        cast(null as {{ dbt.type_string() }}) as file_name,
        cast(null as {{ dbt.type_string() }}) as file_extension,
        cast(null as {{ dbt.type_string() }}) as video_title,
        cast(null as {{ dbt.type_int() }}) as video_percent,
        cast(null as {{ dbt.type_string() }}) as form_id,
        cast(null as {{ dbt.type_string() }}) as form_name,
        cast(null as {{ dbt.type_string() }}) as form_type,
        cast(null as {{ dbt.type_string() }}) as cta_name,
        cast(null as {{ dbt.type_string() }}) as search_term,
        cast(
            case
                when not is_page_ping then null
                when ping_index = 1 then {{ min_visit_s * 1000 }}
                when ping_in_window_index = 1 then {{ heartbeat_s * 1000 }}
                else 0
            end as {{ dbt.type_bigint() }}
        ) as engagement_time_msec,
        -- DuckDB json_object: the Snowplow source is read by DuckDB (external CSV).
        cast(json_object(
            'event_id', event_id,
            'page_view_id', page_view_id,
            'app_id', app_id,
            'platform', platform,
            'network_userid', network_userid,
            'collector_tstamp', collector_tstamp_text,
            'dvce_created_tstamp', dvce_created_tstamp_text,
            'dvce_sent_tstamp', dvce_sent_tstamp_text,
            'se_category', se_category,
            'se_action', se_action,
            'se_label', se_label
        ) as {{ dbt.type_string() }}) as extra_properties,
        filename,
        {{ dbt.hash('raw_payload') }} as event_payload_hash,
        -- Rebuilt in full each run, so every Snowplow event counts as changed downstream.
        {{ clicktrail.loaded_at() }} as _loaded_at
    from pings_ranked
),

final as (
    select * from renamed
)

select * from final
