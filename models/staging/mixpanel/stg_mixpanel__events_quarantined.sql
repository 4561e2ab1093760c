{{ config(materialized='table') }}

-- Mixpanel lines that could not be staged (blank, malformed JSON, not an event object, no or
-- bad time, no event name, no identifier) and removed duplicates, each with a reason.
-- raw lines = stg_mixpanel__events + this model (tests/singular).
{{ clicktrail.quarantined_rows(
    ref('base_mixpanel__events_parsed'), 'mixpanel', 'mixpanel.events', 'mixpanel_insert_id'
) }}
