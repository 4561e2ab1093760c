-- Generic ESP CSV events: typed, UTC, clicktrail vocabulary, deduplicated on the ESP's
-- event id (or a key over contact, message, type, time and URL), email hashed, IP truncated.
with

parsed as (
    select * from {{ ref('base_esp__events_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

renamed as (
    select
        {{ dbt.hash(dbt.concat(["'generic_esp|'", "event_key"])) }} as email_event_id,
        'generic_esp' as source_system,
        event_key as source_event_id,
        source_event_type,
        event_type,
        occurred_at,
        cast(occurred_at as date) as event_date,
        esp_contact_id,
        {{ clicktrail.hash_email('email') }} as email_sha256,
        {{ dbt.split_part(clicktrail.normalize_email('email'), "'@'", 2) }} as email_domain,
        campaign_id,
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        message_id,
        url,
        cast(null as {{ dbt.type_int() }}) as url_offset_index,
        user_agent,
        {{ clicktrail.truncate_ip('ip') }} as ip_truncated,
        case
            when event_type != 'email_bounce' then null
            when bounce_type_raw in ('hard', 'permanent') then 'hard'
            when bounce_type_raw in ('soft', 'transient', 'blocked') then 'soft'
            else default_bounce_type
        end as bounce_type,
        cast(null as {{ dbt.type_string() }}) as bounce_reason,
        cast(null as {{ dbt.type_string() }}) as smtp_status,
        cast(null as {{ dbt.type_string() }}) as bounce_classification,
        case
            when event_type != 'email_open' then null
            when machine_open_text in ('true', '1', 'yes') then true
            when machine_open_text in ('false', '0', 'no') then false
        end as is_esp_machine_open,
        cast(null as {{ dbt.type_string() }}) as categories,
        cast(null as {{ dbt.type_string() }}) as asm_group_id,
        filename,
        _loaded_at
    from parsed
),

final as (
    select * from renamed
)

select * from final
