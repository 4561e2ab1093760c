{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='parsed_row_id',
    on_schema_change='fail',
) }}

-- The parse passes are a Jinja loop; its body is not indented as a block.
-- sqlfluff:indentation:template_blocks_indent:False
-- Every GA4 export row, with the params and nested fields we use extracted and typed, a
-- reject_reason when the row cannot be staged, the dedupe key, the ranks that split it
-- into stg_ga4__events and stg_ga4__events_quarantined, and a fingerprint of the raw row
-- (the quarantine model finds a row's raw JSON by file and fingerprint). No row is dropped.
-- Incremental (DECISIONLOG D-011, D-013): a run parses only files not loaded yet (the `new`
-- pass). Rows already loaded that share a dedupe key with a new row are re-read from their
-- files (the `reloaded` pass) and ranked again with the new rows, so ranks and kept copies
-- equal a full refresh; they replace themselves through parsed_row_id.
{#- Params that get a column of their own and so leave extra_properties. -#}
{%- set mapped_params = [
    'page_location', 'page_referrer', 'page_title', 'ga_session_id', 'ga_session_number',
    'engagement_time_msec', 'percent_scrolled', 'link_url', 'link_domain', 'outbound',
    'file_name', 'file_extension', 'video_title', 'video_percent', 'form_id', 'form_name',
    'form_type', 'cta_name', 'search_term', 'email_sha256', 'user_agent', 'source', 'medium',
    'campaign', 'term', 'content', 'gclid',
] %}
{%- set ep = 'raw_events.event_params' %}
{%- set traffic = 'raw_event.collected_traffic_source' %}
with
{% for pass_name, pass_filter in clicktrail.reparse_passes() %}
{%- if pass_name == 'reloaded' %}

-- Loaded files that hold a row of a key the new files also hold.
{{ clicktrail.reparse_affected_files('event_payload_hash') }}
{%- endif %}

{{ pass_name }}_raw_events as (
    select
        raw_event.filename,
        raw_event.event_name,
        raw_event.event_timestamp,
        raw_event.user_pseudo_id,
        raw_event.user_id,
        raw_event.event_bundle_sequence_id,
        raw_event.event_params,
        {{ clicktrail.nested_field(traffic, 'manual_source') }} as manual_source,
        {{ clicktrail.nested_field(traffic, 'manual_medium') }} as manual_medium,
        {{ clicktrail.nested_field(traffic, 'manual_campaign_name') }} as manual_campaign_name,
        {{ clicktrail.nested_field(traffic, 'manual_term') }} as manual_term,
        {{ clicktrail.nested_field(traffic, 'manual_content') }} as manual_content,
        {{ clicktrail.nested_field(traffic, 'gclid') }} as manual_gclid,
        {{ clicktrail.nested_field('raw_event.device', 'category') }} as device_category,
        {{ clicktrail.nested_field('raw_event.device', 'web_info.browser') }} as browser,
        {{ clicktrail.nested_field('raw_event.device', 'operating_system') }} as operating_system,
        {{ clicktrail.nested_field('raw_event.geo', 'country') }} as country,
        {{ clicktrail.nested_field('raw_event.geo', 'city') }} as city,
        {{ clicktrail.ga4_row_fingerprint(clicktrail.ga4_row_struct('raw_event')) }}
            as row_fingerprint
    from {{ source('ga4', 'events') }} as raw_event
    where {{ pass_filter }}
),

{{ pass_name }}_extracted as (
    select
        raw_events.filename,
        raw_events.row_fingerprint,
        nullif(trim(raw_events.event_name), '') as source_event_name,
        raw_events.event_timestamp,
        nullif(trim(raw_events.user_pseudo_id), '') as user_pseudo_id,
        nullif(trim(raw_events.user_id), '') as user_id,
        raw_events.event_bundle_sequence_id,
        {{ clicktrail.ga4_param(ep, 'ga_session_id', 'any') }} as source_session_id,
        {{ clicktrail.ga4_param(ep, 'ga_session_number', 'int') }} as source_session_number,
        {{ clicktrail.ga4_param(ep, 'page_location', 'string') }} as page_url,
        {{ clicktrail.ga4_param(ep, 'page_referrer', 'string') }} as page_referrer,
        {{ clicktrail.ga4_param(ep, 'page_title', 'any') }} as page_title,
        coalesce(
            raw_events.manual_source,
            {{ clicktrail.ga4_param(ep, 'source', 'string') }}
        ) as utm_source,
        coalesce(
            raw_events.manual_medium,
            {{ clicktrail.ga4_param(ep, 'medium', 'string') }}
        ) as utm_medium,
        coalesce(
            raw_events.manual_campaign_name,
            {{ clicktrail.ga4_param(ep, 'campaign', 'string') }}
        ) as utm_campaign,
        coalesce(
            raw_events.manual_term,
            {{ clicktrail.ga4_param(ep, 'term', 'string') }}
        ) as utm_term,
        coalesce(
            raw_events.manual_content,
            {{ clicktrail.ga4_param(ep, 'content', 'string') }}
        ) as utm_content,
        coalesce(
            raw_events.manual_gclid,
            {{ clicktrail.ga4_param(ep, 'gclid', 'string') }}
        ) as gclid,
        {{ clicktrail.ga4_param(ep, 'user_agent', 'string') }} as user_agent,
        nullif(lower(raw_events.device_category), '(not set)') as device_category,
        nullif(raw_events.browser, '(not set)') as browser,
        nullif(raw_events.operating_system, '(not set)') as operating_system,
        nullif(raw_events.country, '(not set)') as country,
        nullif(raw_events.city, '(not set)') as city,
        {{ clicktrail.ga4_param(ep, 'percent_scrolled', 'int') }} as scroll_percent,
        {{ clicktrail.ga4_param(ep, 'link_url', 'string') }} as link_url,
        {{ clicktrail.ga4_param(ep, 'link_domain', 'string') }} as link_domain,
        lower({{ clicktrail.ga4_param(ep, 'outbound', 'any') }}) as outbound_text,
        {{ clicktrail.ga4_param(ep, 'file_name', 'string') }} as file_name,
        {{ clicktrail.ga4_param(ep, 'file_extension', 'string') }} as file_extension,
        {{ clicktrail.ga4_param(ep, 'video_title', 'string') }} as video_title,
        {{ clicktrail.ga4_param(ep, 'video_percent', 'int') }} as video_percent,
        {{ clicktrail.ga4_param(ep, 'form_id', 'any') }} as form_id,
        {{ clicktrail.ga4_param(ep, 'form_name', 'any') }} as form_name,
        {{ clicktrail.ga4_param(ep, 'form_type', 'string') }} as form_type,
        {{ clicktrail.ga4_param(ep, 'cta_name', 'string') }} as cta_name,
        {{ clicktrail.ga4_param(ep, 'search_term', 'any') }} as search_term,
        {{ clicktrail.ga4_param(ep, 'engagement_time_msec', 'int') }} as engagement_time_msec,
        lower({{ clicktrail.ga4_param(ep, 'email_sha256', 'string') }}) as email_sha256,
        {{ clicktrail.ga4_params_to_json(ep, mapped_params) }} as extra_properties,
        {{ clicktrail.ga4_params_canonical(ep) }} as params_canonical
    from {{ pass_name }}_raw_events as raw_events
),

{{ pass_name }}_checked as (
    select
        *,
        -- event_timestamp is INT64 microseconds, UTC; 2000-01-01 <= t < 2100-01-01.
        case
            when event_timestamp >= 946684800000000 and event_timestamp < 4102444800000000
                then {{ clicktrail.epoch_to_timestamp('event_timestamp / 1000000.0') }}
        end as occurred_at,
        case
            when event_timestamp is null then 'missing_timestamp'
            when not (event_timestamp >= 946684800000000 and event_timestamp < 4102444800000000)
                then 'invalid_timestamp'
            when source_event_name is null then 'missing_event_type'
            when user_pseudo_id is null and user_id is null then 'missing_identifier'
        end as reject_reason,
        -- The dedupe key: the event's identity and all its params (sorted by key), so an
        -- exact re-export collapses and two distinct events never do.
        {{ dbt.hash(dbt.concat([
            "'ga4|'", "coalesce(user_pseudo_id, '')", "'|'", "coalesce(user_id, '')", "'|'",
            "coalesce(" ~ dbt.cast("event_timestamp", dbt.type_string()) ~ ", '')", "'|'",
            "coalesce(source_event_name, '')", "'|'",
            "coalesce(" ~ dbt.cast("event_bundle_sequence_id", dbt.type_string()) ~ ", '')",
            "'|'", "coalesce(params_canonical, '')",
        ])) }} as event_payload_hash
    from {{ pass_name }}_extracted
),
{% endfor %}

candidates as (
    {{ clicktrail.reparse_candidates('event_payload_hash') }}
),

-- The first row of a key by file, then by a fingerprint of the whole row, is kept; rows
-- tied on both are identical copies, so the choice cannot change between runs.
-- payload_occurrence numbers identical copies within a file (row_number - rank + 1).
-- The window sorts the extracted columns only (carrying the nested raw row through the sort
-- cost ~105 s of 171 s at 10M events), and its output is read once: the quarantined rows'
-- raw JSON is rendered by stg_ga4__events_quarantined from (filename, row_fingerprint).
-- Joining it back here made DuckDB materialise this CTE (D-022).
ranked as (
    select
        *,
        row_number() over key_order as occurrence_rank,
        row_number() over key_order - rank() over key_order + 1 as payload_occurrence
    from candidates
    window key_order as (
        partition by reject_reason is null, event_payload_hash
        order by filename, row_fingerprint
    )
),

final as (
    select
        ranked.filename,
        ranked.row_fingerprint,
        ranked.source_event_name,
        ranked.event_timestamp,
        ranked.occurred_at,
        ranked.user_pseudo_id,
        ranked.user_id,
        ranked.event_bundle_sequence_id,
        ranked.source_session_id,
        ranked.source_session_number,
        ranked.page_url,
        ranked.page_referrer,
        ranked.page_title,
        ranked.utm_source,
        ranked.utm_medium,
        ranked.utm_campaign,
        ranked.utm_term,
        ranked.utm_content,
        ranked.gclid,
        ranked.user_agent,
        ranked.device_category,
        ranked.browser,
        ranked.operating_system,
        ranked.country,
        ranked.city,
        ranked.scroll_percent,
        ranked.link_url,
        ranked.link_domain,
        ranked.outbound_text,
        ranked.file_name,
        ranked.file_extension,
        ranked.video_title,
        ranked.video_percent,
        ranked.form_id,
        ranked.form_name,
        ranked.form_type,
        ranked.cta_name,
        ranked.search_term,
        ranked.engagement_time_msec,
        ranked.email_sha256,
        ranked.extra_properties,
        ranked.reject_reason,
        ranked.event_payload_hash,
        ranked.occurrence_rank,
        ranked.payload_occurrence,
        -- The row's identity across runs: its file, its content and its copy number.
        {{ dbt.hash(dbt.concat([
            "coalesce(ranked.filename, '')", "'|'",
            dbt.cast("ranked.row_fingerprint", dbt.type_string()),
            "'|'", dbt.cast("ranked.payload_occurrence", dbt.type_string()),
        ])) }} as parsed_row_id,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from ranked
)

select * from final
