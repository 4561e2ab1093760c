{{ config(materialized='table') }}

-- GA4 export rows that could not be staged (no or bad timestamp, no event name, no
-- identifier: consent-denied pings) and removed exact re-exports, each with a reason and the
-- row rendered as JSON. raw rows = stg_ga4__events + this model (tests/singular).
{{ clicktrail.quarantined_rows(
    ref('base_ga4__events_parsed'), 'ga4', 'ga4.events', 'event_payload_hash'
) }}
