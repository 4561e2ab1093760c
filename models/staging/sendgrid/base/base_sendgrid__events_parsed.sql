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
{#- Every path read from an event, parsed once per event (json_extract_paths, D-025). -#}
{%- set event_paths = [
    '$.sg_event_id', '$.event', '$.timestamp', '$.email',
    '$.sg_message_id', '$."smtp-id"', '$.category', '$.contact_id',
    '$.campaign_id', '$.marketing_campaign_id', '$.marketing_campaign_name', '$.singlesend_id',
    '$.url', '$.url_offset.index', '$.useragent', '$.ip',
    '$.type', '$.reason', '$.status', '$.bounce_classification',
    '$.sg_machine_open', '$.asm_group_id', '$.attempt',
] %}
{%- set field = clicktrail.json_extracted_paths('event_fields', event_paths) %}
with

raw_lines as (
    select
        raw_line,
        filename
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
        end as line_kind
    from raw_lines
),

array_elements as (
    select
        filename,
        raw_line,
        {{ clicktrail.json_array_elements('raw_line') }} as event_json
    from lines_classified
    where line_kind = 'array'
),

records as (
    select
        filename,
        raw_line,
        case when line_kind = 'object' then raw_line end as event_json,
        line_kind
    from lines_classified
    where line_kind != 'array'

    union all

    select
        filename,
        raw_line,
        event_json,
        {{ clicktrail.json_kind('event_json') }} as line_kind
    from array_elements
),

record_fields as (
    select
        filename,
        coalesce(event_json, raw_line) as raw_payload,
        line_kind,
        {{ clicktrail.json_extract_paths('event_json', event_paths) }} as event_fields
    from records
),

extracted as (
    select
        filename,
        raw_payload,
        line_kind,
        {{ field['$.sg_event_id'] }} as sg_event_id,
        {{ field['$.event'] }} as source_event_type,
        {{ field['$.timestamp'] }} as timestamp_text,
        {{ field['$.email'] }} as email,
        {{ field['$.sg_message_id'] }} as sg_message_id,
        {{ field['$."smtp-id"'] }} as smtp_id,
        {{ field['$.category'] }} as category_json,
        {{ field['$.contact_id'] }} as esp_contact_id,
        {{ field['$.campaign_id'] }} as custom_campaign_id,
        {{ field['$.marketing_campaign_id'] }} as marketing_campaign_id,
        {{ field['$.marketing_campaign_name'] }} as marketing_campaign_name,
        {{ field['$.singlesend_id'] }} as singlesend_id,
        {{ field['$.url'] }} as url,
        {{ field['$.url_offset.index'] }} as url_offset_index,
        {{ field['$.useragent'] }} as user_agent,
        {{ field['$.ip'] }} as ip,
        {{ field['$.type'] }} as bounce_type_raw,
        {{ field['$.reason'] }} as reason,
        {{ field['$.status'] }} as smtp_status,
        {{ field['$.bounce_classification'] }} as bounce_classification,
        {{ field['$.sg_machine_open'] }} as machine_open_text,
        {{ field['$.asm_group_id'] }} as asm_group_id,
        {{ field['$.attempt'] }} as attempt
    from record_fields
),

event_types as (
    select
        lower(source_event_type) as source_event_type,
        event_type,
        bounce_type
    from {{ ref('esp_event_type_map') }}
    where esp = 'sendgrid'
),

typed as (
    select
        extracted.*,
        event_types.event_type,
        event_types.bounce_type as default_bounce_type,
        {{ clicktrail.epoch_to_timestamp("extracted.timestamp_text") }} as occurred_at
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
        end as reject_reason
    from typed
),

-- Ranks: 1 for the first usable occurrence of an sg_event_id (SendGrid may deliver an event
-- more than once); later occurrences become `duplicate`. The order is total (time, file,
-- payload) so reruns keep the same row.
{{ clicktrail.ranked_with_history(
    'checked', 'coalesce(sg_event_id, raw_payload)', 'occurred_at, filename, raw_payload'
) }}

select * from final
