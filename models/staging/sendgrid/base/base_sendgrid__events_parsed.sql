{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='parsed_row_id',
    on_schema_change='fail',
) }}

-- Every raw SendGrid line, exploded to one row per event (a line may hold a whole POST body
-- as a JSON array), with every field we use extracted as text and a reject_reason when the
-- row cannot be staged. No row is dropped here: stg_ and the quarantine split this model.
-- Incremental: each raw file is parsed once (new files only); rows already loaded that share
-- an sg_event_id with new rows are re-ranked so ranks equal a full refresh.
with

raw_lines as (
    select
        raw_line,
        filename,
    from {{ source('sendgrid', 'events') }}
    where {{ clicktrail.new_files_only() }}
),

lines_classified as (
    select
        raw_line,
        filename,
        case
            when raw_line is null or trim(raw_line) = '' then 'blank_line'
            when not {{ clicktrail.json_is_valid('raw_line') }} then 'malformed_json'
            else {{ clicktrail.json_kind('raw_line') }}
        end as line_kind,
    from raw_lines
),

array_elements as (
    select
        filename,
        raw_line,
        {{ clicktrail.json_array_elements('raw_line') }} as event_json,
    from lines_classified
    where line_kind = 'array'
),

records as (
    select
        filename,
        raw_line,
        case when line_kind = 'object' then raw_line end as event_json,
        line_kind,
    from lines_classified
    where line_kind != 'array'

    union all

    select
        filename,
        raw_line,
        event_json,
        {{ clicktrail.json_kind('event_json') }} as line_kind,
    from array_elements
),

extracted as (
    select
        filename,
        coalesce(event_json, raw_line) as raw_payload,
        line_kind,
        {{ clicktrail.json_get_text('event_json', '$.sg_event_id') }} as sg_event_id,
        {{ clicktrail.json_get_text('event_json', '$.event') }} as source_event_type,
        {{ clicktrail.json_get_text('event_json', '$.timestamp') }} as timestamp_text,
        {{ clicktrail.json_get_text('event_json', '$.email') }} as email,
        {{ clicktrail.json_get_text('event_json', '$.sg_message_id') }} as sg_message_id,
        {{ clicktrail.json_get_text('event_json', '$."smtp-id"') }} as smtp_id,
        {{ clicktrail.json_get_text('event_json', '$.category') }} as category_json,
        {{ clicktrail.json_get_text('event_json', '$.contact_id') }} as esp_contact_id,
        {{ clicktrail.json_get_text('event_json', '$.campaign_id') }} as custom_campaign_id,
        {{ clicktrail.json_get_text('event_json', '$.marketing_campaign_id') }}
            as marketing_campaign_id,
        {{ clicktrail.json_get_text('event_json', '$.marketing_campaign_name') }}
            as marketing_campaign_name,
        {{ clicktrail.json_get_text('event_json', '$.singlesend_id') }} as singlesend_id,
        {{ clicktrail.json_get_text('event_json', '$.url') }} as url,
        {{ clicktrail.json_get_text('event_json', '$.url_offset.index') }} as url_offset_index,
        {{ clicktrail.json_get_text('event_json', '$.useragent') }} as user_agent,
        {{ clicktrail.json_get_text('event_json', '$.ip') }} as ip,
        {{ clicktrail.json_get_text('event_json', '$.type') }} as bounce_type_raw,
        {{ clicktrail.json_get_text('event_json', '$.reason') }} as reason,
        {{ clicktrail.json_get_text('event_json', '$.status') }} as smtp_status,
        {{ clicktrail.json_get_text('event_json', '$.bounce_classification') }}
            as bounce_classification,
        {{ clicktrail.json_get_text('event_json', '$.sg_machine_open') }} as machine_open_text,
        {{ clicktrail.json_get_text('event_json', '$.asm_group_id') }} as asm_group_id,
        {{ clicktrail.json_get_text('event_json', '$.attempt') }} as attempt,
    from records
),

event_types as (
    select
        lower(source_event_type) as source_event_type,
        event_type,
        bounce_type,
    from {{ ref('esp_event_type_map') }}
    where esp = 'sendgrid'
),

typed as (
    select
        extracted.*,
        event_types.event_type,
        event_types.bounce_type as default_bounce_type,
        {{ clicktrail.epoch_to_timestamp("extracted.timestamp_text") }} as occurred_at,
    from extracted
    left join event_types
        on lower(extracted.source_event_type) = event_types.source_event_type
),

checked as (
    select
        *,
        case
            when line_kind = 'blank_line' then 'blank_line'
            when line_kind = 'malformed_json' then 'malformed_json'
            when line_kind != 'object' then 'not_an_event_object'
            when timestamp_text is null then 'missing_timestamp'
            when occurred_at is null then 'invalid_timestamp'
            when source_event_type is null then 'missing_event_type'
            when event_type is null then 'unknown_event_type'
            when sg_event_id is null then 'missing_event_id'
            when email is null and esp_contact_id is null then 'missing_identifier'
        end as reject_reason,
    from typed
),

-- Ranks: 1 for the first usable occurrence of an sg_event_id (SendGrid may deliver an event
-- more than once); later occurrences become `duplicate`. The order is total (time, file,
-- payload) so reruns keep the same row.
{{ clicktrail.ranked_with_history(
    'checked', 'coalesce(sg_event_id, raw_payload)', 'occurred_at, filename, raw_payload'
) }}

select * from final
