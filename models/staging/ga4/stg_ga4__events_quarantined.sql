{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}

-- GA4 export rows that could not be staged (no or bad timestamp, no event name, no
-- identifier: consent-denied pings) and removed exact re-exports, each with a reason and the
-- row rendered as JSON. raw rows = stg_ga4__events + this model (tests/singular).
-- The raw JSON is rendered here, not in the base model: the quarantined rows' files are
-- read again and each row is found by its fingerprint (D-022).
-- Incremental (append): a run adds the quarantined base rows it does not hold yet. A
-- quarantined row stays quarantined on later runs (its reject_reason depends on the row
-- alone; a new copy of its key can only push its rank further down) and keeps its
-- parsed_row_id, so rows are never updated or deleted (raw files are immutable, D-011).

with

quarantined as (
    select
        parsed_row_id,
        filename,
        row_fingerprint,
        reject_reason,
        event_payload_hash,
        payload_occurrence
    from {{ ref('base_ga4__events_parsed') }}
    where (reject_reason is not null or occurrence_rank > 1)
    {%- if is_incremental() %}
        and parsed_row_id not in (select loaded.parsed_row_id from {{ this }} as loaded)
    {%- endif %}
),

-- The export rows of the files that hold a quarantined row, as a nested row and its
-- fingerprint (computed as the base model computes it).
raw_rows as (
    select
        raw_event.filename,
        {{ clicktrail.ga4_row_fingerprint(clicktrail.ga4_row_struct('raw_event')) }}
            as row_fingerprint,
        {{ clicktrail.ga4_row_struct('raw_event') }} as raw_row
    from {{ source('ga4', 'events') }} as raw_event
    where raw_event.filename in (select quarantined.filename from quarantined)
),

-- One JSON rendering per (file, fingerprint): rows with equal fingerprints in one file are
-- identical copies (see ga4_row_fingerprint).
payloads as (
    select
        raw_rows.filename,
        raw_rows.row_fingerprint,
        min({{ clicktrail.ga4_row_to_json('raw_rows.raw_row') }}) as raw_payload
    from raw_rows
    where raw_rows.row_fingerprint in (select quarantined.row_fingerprint from quarantined)
    group by raw_rows.filename, raw_rows.row_fingerprint
),

with_payload as (
    select
        quarantined.parsed_row_id,
        quarantined.filename,
        quarantined.reject_reason,
        quarantined.event_payload_hash,
        quarantined.payload_occurrence,
        payloads.raw_payload
    from quarantined
    left join payloads
        on quarantined.filename = payloads.filename
            and quarantined.row_fingerprint = payloads.row_fingerprint
),

final as (
    {{ clicktrail.quarantine_columns(
        'with_payload', 'ga4', 'ga4.events', 'event_payload_hash',
        extra_columns=['parsed_row_id']
    ) }}
)

select * from final
