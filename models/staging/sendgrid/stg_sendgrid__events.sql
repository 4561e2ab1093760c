-- SendGrid webhook events: typed, UTC, renamed to clicktrail's email vocabulary,
-- deduplicated on sg_event_id, email hashed and IP truncated.
with

parsed as (
    select * from {{ ref('base_sendgrid__events_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

renamed as (
    select
        {{ dbt.hash(dbt.concat(["'sendgrid|'", "sg_event_id"])) }} as email_event_id,
        'sendgrid' as source_system,
        sg_event_id as source_event_id,
        lower(source_event_type) as source_event_type,
        event_type,
        occurred_at,
        cast(occurred_at as date) as event_date,
        esp_contact_id,
        {{ clicktrail.hash_email('email') }} as email_sha256,
        {{ dbt.split_part(clicktrail.normalize_email('email'), "'@'", 2) }} as email_domain,
        coalesce(custom_campaign_id, marketing_campaign_id, singlesend_id) as campaign_id,
        marketing_campaign_name as campaign_name,
        {{ dbt.split_part('sg_message_id', "'.'", 1) }} as message_id,
        url,
        {{ clicktrail.try_cast('url_offset_index', dbt.type_int()) }} as url_offset_index,
        user_agent,
        {{ clicktrail.truncate_ip('ip') }} as ip_truncated,
        case
            when event_type != 'email_bounce' then null
            when lower(bounce_type_raw) = 'blocked' then 'soft'
            when lower(bounce_type_raw) = 'bounce' then 'hard'
            else default_bounce_type
        end as bounce_type,
        reason as bounce_reason,
        smtp_status,
        bounce_classification,
        case
            when event_type != 'email_open' then null
            when lower(machine_open_text) in ('true', '1') then true
            when lower(machine_open_text) in ('false', '0') then false
        end as is_esp_machine_open,
        case
            when category_json is null then null
            when {{ dbt.position("'['", "trim(category_json)") }} = 1 then category_json
            else {{ dbt.concat(["'[\"'", "category_json", "'\"]'"]) }}
        end as categories,
        asm_group_id,
        filename,
        _loaded_at
    from parsed
),

final as (
    select * from renamed
)

select * from final
