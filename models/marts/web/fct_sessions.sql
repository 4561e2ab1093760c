-- One row per web session, with the resolved contact (retroactive: sessions from before a
-- visitor identified carry the contact too).
with

sessions as (
    select * from {{ ref('int_sessions') }}
),

identifiers as (
    select * from {{ ref('int_contact_identifiers') }}
),

final as (
    select
        sessions.session_id,
        sessions.visitor_id,
        sessions.source_system,
        coalesce(by_anon.contact_id, by_user.contact_id) as contact_id,
        sessions.session_number,
        sessions.started_at,
        sessions.ended_at,
        sessions.duration_seconds,
        sessions.n_events,
        sessions.n_page_views,
        sessions.engagement_time_msec,
        sessions.landing_page_url,
        sessions.landing_page_path,
        sessions.exit_page_path,
        sessions.traffic_source,
        sessions.traffic_medium,
        sessions.traffic_campaign,
        sessions.channel_group,
        sessions.click_id,
        sessions.click_id_type,
        sessions.email_campaign_id,
        sessions.device_category,
        sessions.browser,
        sessions.source_session_id,
        sessions.n_conversions,
        sessions.is_engaged,
        sessions.is_bot,
        sessions.is_capped
    from sessions
    left join identifiers as by_anon
        on by_anon.identifier_type = 'web_anonymous_id'
            and by_anon.identifier_value
            = {{ dbt.concat(["sessions.source_system", "':'", "sessions.anonymous_id"]) }}
    left join identifiers as by_user
        on by_user.identifier_type = 'user_id'
            and sessions.user_id = by_user.identifier_value
)

select * from final
