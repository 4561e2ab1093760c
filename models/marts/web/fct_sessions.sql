{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='visitor_id',
    on_schema_change='fail',
) }}

-- depends_on: {{ ref('int_identity_changes') }}
-- The scope of an incremental run is a set of CTEs at the top level, not an indented block.
-- sqlfluff:indentation:template_blocks_indent:False
-- One row per web session, with the resolved contact (retroactive: sessions from before a
-- visitor identified carry the contact too).
-- Incremental (DECISIONLOG D-034): a run rewrites every session of each visitor that
-- int_sessions rewrote since this model's last run, or whose cookie or user id resolves to
-- another contact since then (int_identity_changes). Rows of a visitor are replaced as a
-- whole, as in int_sessions (a late event can merge two sessions). Where the adapter has no
-- delete+insert the model is a table.
with
{%- if is_incremental() %}

identity_changes as (
    select * from {{ ref('int_identity_changes') }}
    where {{ clicktrail.changed_since_last_run() }}
),

-- Reads the relation twice, not a CTE: a CTE read twice is materialised in full.
affected_visitors as (
    select rewritten.visitor_id from {{ ref('int_sessions') }} as rewritten
    where {{ clicktrail.changed_since_last_run('rewritten._loaded_at') }}

    union

    select resolved.visitor_id from {{ ref('int_sessions') }} as resolved
    where {{ clicktrail.in_changed_identifiers(
            dbt.concat(["resolved.source_system", "':'", "resolved.anonymous_id"]),
            'web_anonymous_id',
        ) }}
        or {{ clicktrail.in_changed_identifiers('resolved.user_id', 'user_id') }}
),
{%- endif %}

sessions as (
    select * from {{ ref('int_sessions') }}
    {%- if is_incremental() %}
    where visitor_id in (select affected_visitors.visitor_id from affected_visitors)
    {%- endif %}
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
        sessions.is_capped,
        {{ clicktrail.loaded_at() }} as _loaded_at
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
