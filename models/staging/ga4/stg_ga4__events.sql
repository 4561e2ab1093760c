{{ config(materialized='view') }}

-- GA4 export events: one row per event after exact re-exports are collapsed (identity +
-- params key), typed, UTC, renamed to clicktrail's web columns (the same column set as
-- stg_mixpanel__events).
with

parsed as (
    select * from {{ ref('base_ga4__events_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

renamed as (
    select
        {{ dbt.hash(dbt.concat(["'ga4|'", "event_payload_hash"])) }} as web_event_id,
        'ga4' as source_system,
        source_event_name,
        occurred_at,
        cast(occurred_at as date) as event_date,
        user_pseudo_id as anonymous_id,
        user_id,
        email_sha256,
        source_session_id,
        source_session_number,
        page_url,
        page_referrer,
        page_title,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        gclid,
        user_agent,
        device_category,
        browser,
        operating_system,
        country,
        city,
        scroll_percent,
        link_url,
        link_domain,
        case
            when outbound_text in ('true', '1') then true
            when outbound_text in ('false', '0') then false
        end as is_outbound,
        file_name,
        file_extension,
        video_title,
        video_percent,
        form_id,
        form_name,
        form_type,
        cta_name,
        search_term,
        engagement_time_msec,
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
