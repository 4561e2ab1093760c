{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='parsed_row_id',
    on_schema_change='fail',
) }}

-- Every row of the generic ESP CSV, typed, with a reject_reason when it cannot be staged and
-- an occurrence rank for deduplication. No row is dropped here.
with

source_rows as (
    select * from {{ source('esp', 'events') }}
    where {{ clicktrail.new_files_only() }}
),

event_types as (
    select
        lower(source_event_type) as source_event_type,
        event_type,
        bounce_type
    from {{ ref('esp_event_type_map') }}
    where esp = 'generic'
),

cleaned as (
    select
        nullif(trim(source_rows.event_id), '') as source_event_id,
        nullif(lower(trim(source_rows.event_type)), '') as source_event_type,
        nullif(trim(source_rows.occurred_at), '') as occurred_at_text,
        nullif(trim(source_rows.contact_id), '') as esp_contact_id,
        nullif(trim(source_rows.email), '') as email,
        nullif(trim(source_rows.campaign_id), '') as campaign_id,
        nullif(trim(source_rows.message_id), '') as message_id,
        nullif(trim(source_rows.url), '') as url,
        nullif(trim(source_rows.user_agent), '') as user_agent,
        nullif(trim(source_rows.ip), '') as ip,
        nullif(lower(trim(source_rows.bounce_type)), '') as bounce_type_raw,
        nullif(lower(trim(source_rows.is_machine_open)), '') as machine_open_text,
        source_rows.filename,
        {{ dbt.concat([
            "coalesce(source_rows.event_id, '')", "','",
            "coalesce(source_rows.event_type, '')", "','",
            "coalesce(source_rows.occurred_at, '')", "','",
            "coalesce(source_rows.contact_id, '')", "','",
            "coalesce(source_rows.email, '')", "','",
            "coalesce(source_rows.campaign_id, '')", "','",
            "coalesce(source_rows.message_id, '')", "','",
            "coalesce(source_rows.url, '')", "','",
            "coalesce(source_rows.user_agent, '')", "','",
            "coalesce(source_rows.ip, '')", "','",
            "coalesce(source_rows.bounce_type, '')", "','",
            "coalesce(source_rows.is_machine_open, '')",
        ]) }} as raw_payload
    from source_rows
),

typed as (
    select
        cleaned.*,
        event_types.event_type,
        event_types.bounce_type as default_bounce_type,
        {{ clicktrail.parse_timestamp_utc('cleaned.occurred_at_text') }} as occurred_at
    from cleaned
    left join event_types
        on cleaned.source_event_type = event_types.source_event_type
),

keyed as (
    select
        *,
        -- The ESP's own key when it has one; else a key that includes the URL, so two
        -- clicks in one second on different links do not collide (Mailchimp's trap).
        coalesce(
            source_event_id,
            {{ dbt.hash(dbt.concat([
                "coalesce(esp_contact_id, '')", "'|'", "coalesce(message_id, '')", "'|'",
                "coalesce(event_type, '')", "'|'", "coalesce(occurred_at_text, '')", "'|'",
                "coalesce(url, '')",
            ])) }}
        ) as event_key,
        case
            when source_event_type is null then 'missing_event_type'
            when event_type is null then 'unknown_event_type'
            when occurred_at_text is null then 'missing_timestamp'
            when occurred_at is null then 'invalid_timestamp'
            when esp_contact_id is null and email is null then 'missing_identifier'
        end as reject_reason
    from typed
),

{{ clicktrail.ranked_with_history(
    'keyed', 'event_key', 'occurred_at, filename, raw_payload'
) }}

select * from final
