{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='parsed_row_id',
    on_schema_change='fail',
) }}

-- The parse passes are a Jinja loop; its body is not indented as a block.
-- sqlfluff:indentation:template_blocks_indent:False
-- Every raw Mixpanel export line, with the fields we use extracted and typed, a reject_reason
-- when the line cannot be staged, and the ranks that split it into stg_mixpanel__events and
-- stg_mixpanel__events_quarantined. No line is dropped here.
-- Incremental (DECISIONLOG D-011, D-013): a run parses only files not loaded yet (the `new`
-- pass). Lines already loaded that share a dedupe group with a new line are re-read from their
-- files (the `reloaded` pass) and ranked again with the new lines, so ranks, kept copies and
-- quarantine payloads equal a full refresh; they replace themselves through parsed_row_id.
{%- set p = '$.properties.' %}
{#- Properties that get a column of their own (or are PII) and so leave extra_properties. -#}
{%- set mapped_properties = [
    'time', 'distinct_id', '$insert_id', '$device_id', '$user_id', 'user_id', '$current_url',
    '$referrer', 'current_page_title', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term',
    'utm_content', 'gclid', '$browser', '$os', '$device', '$city', 'mp_country_code',
    '$user_agent', 'user_agent', 'percent_scrolled', 'link_url', 'link_domain', 'outbound',
    'file_name', 'file_extension', 'video_title', 'video_percent', 'form_id', 'form_name',
    'form_type', 'cta_name', 'search_term', 'engagement_time_msec', 'email_sha256', '$email',
    'email',
] %}
{#- Every path read from a line (the event, the properties object and each mapped property),
    parsed once per line (json_extract_paths, D-025). `$` keys are quoted in a JSONPath. -#}
{%- set event_paths = ['$.event', '$.properties'] %}
{%- for key in mapped_properties %}{% do event_paths.append(
    p ~ ('"' ~ key ~ '"' if key.startswith('$') else key)
) %}{% endfor %}
{%- set field = clicktrail.json_extracted_paths('event_fields', event_paths) %}
with
{% for pass_name, pass_filter in clicktrail.reparse_passes() %}
{%- if pass_name == 'reloaded' %}

-- Loaded files that hold a row of a key the new files also hold.
{{ clicktrail.reparse_affected_files('dedupe_group') }}
{%- endif %}

{{ pass_name }}_raw_lines as (
    select
        raw_line,
        filename
    from {{ source('mixpanel', 'events') }}
    where {{ pass_filter }}
),

{{ pass_name }}_lines_classified as (
    select
        raw_line,
        filename,
        case
            when raw_line is null or trim(raw_line) = '' then 'blank_line'
            when not {{ clicktrail.json_is_valid('raw_line') }} then 'malformed_json'
            else {{ clicktrail.json_kind('raw_line') }}
        end as line_kind
    from {{ pass_name }}_raw_lines
),

{{ pass_name }}_objects as (
    select
        raw_line,
        filename,
        line_kind,
        case when line_kind = 'object' then raw_line end as event_json
    from {{ pass_name }}_lines_classified
),

{{ pass_name }}_fields as (
    select
        raw_line,
        filename,
        line_kind,
        {{ clicktrail.json_extract_paths('event_json', event_paths) }} as event_fields
    from {{ pass_name }}_objects
),

{{ pass_name }}_extracted as (
    select
        raw_line,
        filename,
        line_kind,
        nullif(trim({{ field['$.event'] }}), '') as source_event_name,
        {{ field['$.properties'] }} as properties_json,
        {{ field[p ~ 'time'] }} as time_text,
        nullif(trim({{ field[p ~ 'distinct_id'] }}), '') as distinct_id,
        nullif(trim({{ field[p ~ '"$insert_id"'] }}), '') as mixpanel_insert_id,
        nullif(trim({{ field[p ~ '"$device_id"'] }}), '') as device_id,
        nullif(trim({{ field[p ~ '"$user_id"'] }}), '') as mixpanel_user_id,
        nullif(trim({{ field[p ~ 'user_id'] }}), '') as custom_user_id,
        {{ field[p ~ '"$current_url"'] }} as page_url,
        {{ field[p ~ '"$referrer"'] }} as page_referrer,
        {{ field[p ~ 'current_page_title'] }} as page_title,
        {{ field[p ~ 'utm_source'] }} as utm_source,
        {{ field[p ~ 'utm_medium'] }} as utm_medium,
        {{ field[p ~ 'utm_campaign'] }} as utm_campaign,
        {{ field[p ~ 'utm_term'] }} as utm_term,
        {{ field[p ~ 'utm_content'] }} as utm_content,
        {{ field[p ~ 'gclid'] }} as gclid,
        coalesce(
            {{ field[p ~ '"$user_agent"'] }},
            {{ field[p ~ 'user_agent'] }}
        ) as user_agent,
        {{ field[p ~ '"$device"'] }} as device_name,
        {{ field[p ~ '"$browser"'] }} as browser,
        {{ field[p ~ '"$os"'] }} as operating_system,
        {{ field[p ~ 'mp_country_code'] }} as country,
        {{ field[p ~ '"$city"'] }} as city,
        {{ field[p ~ 'percent_scrolled'] }} as scroll_text,
        {{ field[p ~ 'link_url'] }} as link_url,
        {{ field[p ~ 'link_domain'] }} as link_domain,
        {{ field[p ~ 'outbound'] }} as outbound_text,
        {{ field[p ~ 'file_name'] }} as file_name,
        {{ field[p ~ 'file_extension'] }} as file_extension,
        {{ field[p ~ 'video_title'] }} as video_title,
        {{ field[p ~ 'video_percent'] }} as video_percent_text,
        {{ field[p ~ 'form_id'] }} as form_id,
        {{ field[p ~ 'form_name'] }} as form_name,
        {{ field[p ~ 'form_type'] }} as form_type,
        {{ field[p ~ 'cta_name'] }} as cta_name,
        {{ field[p ~ 'search_term'] }} as search_term,
        {{ field[p ~ 'engagement_time_msec'] }} as engagement_time_text,
        {{ field[p ~ 'email_sha256'] }} as email_sha256_raw,
        coalesce(
            {{ field[p ~ '"$email"'] }},
            {{ field[p ~ 'email'] }}
        ) as email
    from {{ pass_name }}_fields
),

{{ pass_name }}_typed as (
    select
        *,
        -- Mixpanel `time` is Unix seconds, or milliseconds when above 10^11 (year 5138).
        case
            when {{ clicktrail.try_cast('time_text', clicktrail.type_double()) }} > 100000000000
                then {{ clicktrail.try_cast('time_text', clicktrail.type_double()) }} / 1000
            else {{ clicktrail.try_cast('time_text', clicktrail.type_double()) }}
        end as time_seconds
    from {{ pass_name }}_extracted
),

{{ pass_name }}_timed as (
    select
        *,
        -- 2000-01-01 <= time < 2100-01-01; anything else is a unit or clock error.
        case
            when time_seconds >= 946684800 and time_seconds < 4102444800
                then {{ clicktrail.epoch_to_timestamp('time_seconds') }}
        end as occurred_at
    from {{ pass_name }}_typed
),

{{ pass_name }}_checked as (
    select
        *,
        case
            when line_kind = 'blank_line' then 'blank_line'
            when line_kind = 'malformed_json' then 'malformed_json'
            when line_kind != 'object' then 'not_an_event_object'
            when time_text is null then 'missing_timestamp'
            when occurred_at is null then 'invalid_timestamp'
            when source_event_name is null then 'missing_event_type'
            when coalesce(distinct_id, device_id, mixpanel_user_id, custom_user_id) is null
                then 'missing_identifier'
        end as reject_reason,
        -- Mixpanel's compaction key: $insert_id + distinct_id + event + UTC calendar day.
        -- A line without $insert_id is grouped with its identical copies in the same file
        -- only, and each copy stays an event of its own (see event_payload_hash).
        case
            when mixpanel_insert_id is not null
                then {{ dbt.hash(dbt.concat([
                    "'insert|'", "mixpanel_insert_id", "'|'", "coalesce(distinct_id, '')", "'|'",
                    "coalesce(source_event_name, '')", "'|'",
                    "coalesce(" ~ dbt.cast(dbt.cast("occurred_at", "date"), dbt.type_string())
                    ~ ", '')",
                ])) }}
            else {{ dbt.hash(dbt.concat([
                "'line|'", "coalesce(filename, '')", "'|'", "coalesce(raw_line, '')",
            ])) }}
        end as dedupe_group
    from {{ pass_name }}_timed
),
{% endfor %}

candidates as (
    {{ clicktrail.reparse_candidates('dedupe_group') }}
),

-- One window: the earliest occurrence of a group is kept (time, then file, then text; rows
-- tied on all three are identical copies). payload_occurrence numbers identical copies of a
-- line within a file (row_number - rank + 1 over the same order).
ranked as (
    select
        *,
        row_number() over group_order as group_rank,
        row_number() over group_order - rank() over group_order + 1 as payload_occurrence
    from candidates
    window group_order as (
        partition by reject_reason is null, dedupe_group
        order by occurred_at, filename, coalesce(raw_line, '')
    )
),

keyed as (
    select
        *,
        case
            when mixpanel_insert_id is not null then dedupe_group
            else {{ dbt.hash(dbt.concat([
                "dedupe_group", "'|'", dbt.cast("payload_occurrence", dbt.type_string()),
            ])) }}
        end as event_payload_hash,
        case when mixpanel_insert_id is not null then group_rank else 1 end as occurrence_rank
    from ranked
),

final as (
    select
        filename,
        line_kind,
        source_event_name,
        time_text,
        occurred_at,
        distinct_id,
        mixpanel_insert_id,
        device_id,
        mixpanel_user_id,
        custom_user_id,
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
        device_name,
        browser,
        operating_system,
        country,
        city,
        scroll_text,
        link_url,
        link_domain,
        outbound_text,
        file_name,
        file_extension,
        video_title,
        video_percent_text,
        form_id,
        form_name,
        form_type,
        cta_name,
        search_term,
        engagement_time_text,
        email_sha256_raw,
        email,
        nullif(
            {{ clicktrail.json_remove_keys('properties_json', mapped_properties) }}, '{}'
        ) as extra_properties,
        reject_reason,
        event_payload_hash,
        occurrence_rank,
        payload_occurrence,
        -- Only lines that go to the quarantine keep their text (staged ones live on as
        -- columns).
        case
            when reject_reason is not null or occurrence_rank > 1 then raw_line
        end as raw_payload,
        dedupe_group,
        -- The line's identity across runs: its file, its text and its copy number.
        {{ dbt.hash(dbt.concat([
            "coalesce(filename, '')", "'|'", "coalesce(raw_line, '')", "'|'",
            dbt.cast("payload_occurrence", dbt.type_string()),
        ])) }} as parsed_row_id,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from keyed
)

select * from final
