-- SendGrid rows that could not be staged, and duplicate deliveries of staged events, each
-- with a reason. raw records = stg_sendgrid__events + this model (tested).
{{ clicktrail.quarantined_rows(
    ref('base_sendgrid__events_parsed'), 'sendgrid', 'sendgrid.events', 'sg_event_id'
) }}
