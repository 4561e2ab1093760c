{{ config(materialized='table', enabled=var('clicktrail__using_snowplow', false)) }}

-- Snowplow rows that could not be staged (no event id, no or bad timestamp, no event name,
-- neither domain_userid nor user_id) and the duplicates Snowplow's dedupe removes (a later
-- copy of an event_id, a later page_view of a page_view_id), each with a reason.
-- raw rows = stg_snowplow__events + this model (tested).
{{ clicktrail.quarantined_rows(
    ref('base_snowplow__events_parsed'), 'snowplow', 'snowplow.events', 'event_id'
) }}
