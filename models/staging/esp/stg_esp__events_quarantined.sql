-- Generic ESP CSV rows that could not be staged, and removed duplicates, with a reason.
-- raw rows = stg_esp__events + this model (tested).
{{ clicktrail.quarantined_rows(
    ref('base_esp__events_parsed'), 'generic_esp', 'esp.events', 'event_key'
) }}
