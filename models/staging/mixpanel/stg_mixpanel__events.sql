{{ config(materialized='view') }}

-- Mixpanel export events: one row per event after Mixpanel's own dedupe rule ($insert_id +
-- distinct_id + event + UTC day; events without $insert_id are never merged), typed, UTC,
-- renamed to clicktrail's web columns (the same column set as stg_ga4__events).
with

parsed as (
    select * from {{ ref('base_mixpanel__events_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

renamed as (
    select
        {{ dbt.hash(dbt.concat(["'mixpanel|'", "event_payload_hash"])) }} as web_event_id,
        'mixpanel' as source_system,
        source_event_name,
        occurred_at,
        cast(occurred_at as date) as event_date,
        coalesce(
            device_id,
            case
                when distinct_id like '$device:%' then {{ dbt.right(
                    'distinct_id', dbt.length('distinct_id') ~ ' - 8') }}
                else distinct_id
            end
        ) as anonymous_id,
        coalesce(mixpanel_user_id, custom_user_id) as user_id,
        coalesce(
            lower(nullif(trim(email_sha256_raw), '')),
            {{ clicktrail.hash_email('email') }}
        ) as email_sha256,
        cast(null as {{ dbt.type_string() }}) as source_session_id,
        cast(null as {{ dbt.type_int() }}) as source_session_number,
        page_url,
        -- Mixpanel writes the sentinel `$direct` when there is no referrer.
        nullif(page_referrer, '$direct') as page_referrer,
        page_title,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        gclid,
        user_agent,
        case
            when lower(device_name) like '%ipad%' or lower(device_name) like '%tablet%'
                then 'tablet'
            when device_name is not null
                or lower(operating_system) in ('ios', 'android', 'windows phone', 'blackberry')
                then 'mobile'
            when operating_system is not null then 'desktop'
        end as device_category,
        browser,
        operating_system,
        country,
        city,
        cast(
            round({{ clicktrail.try_cast('scroll_text', clicktrail.type_double()) }})
            as {{ dbt.type_int() }}
        ) as scroll_percent,
        link_url,
        link_domain,
        case
            when lower(outbound_text) in ('true', '1') then true
            when lower(outbound_text) in ('false', '0') then false
        end as is_outbound,
        file_name,
        file_extension,
        video_title,
        cast(
            round({{ clicktrail.try_cast('video_percent_text', clicktrail.type_double()) }})
            as {{ dbt.type_int() }}
        ) as video_percent,
        form_id,
        form_name,
        form_type,
        cta_name,
        search_term,
        cast(
            round({{ clicktrail.try_cast('engagement_time_text', clicktrail.type_double()) }})
            as {{ dbt.type_bigint() }}
        ) as engagement_time_msec,
        extra_properties,
        filename,
        event_payload_hash,
        _loaded_at
    from parsed
),

final as (
    select * from renamed
)

select * from final
