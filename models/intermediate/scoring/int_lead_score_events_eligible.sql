{{ config(materialized='view') }}

-- Contact events that may score: a resolved contact and a person behind the event. Bot
-- clicks and opens, machine (privacy-proxy) opens, every event of a bot session and, unless
-- clicktrail__lead_score_unverified_clicks is true, unverified email clicks never score.
-- A view: a filter read once by int_lead_score_rules_matched (writing every eligible event
-- to a table cost 16 s of a 10M-event nightly run).
{%- set settings = clicktrail.lead_score_settings() %}
{%- set excluded_qualities = ['bot', 'machine_open'] %}
{%- if not settings.score_unverified_clicks %}
    {%- do excluded_qualities.append('unverified') %}
{%- endif %}

with

contact_events as (
    select * from {{ ref('fct_contact_events') }}
),

email_events as (
    select * from {{ ref('fct_email_events') }}
),

-- The join only brings the bounce type: read the email events that carry one (bounces),
-- not every send, delivery, open and click (at 50M events the full join ran out of memory).
bounces as (
    select
        email_event_id,
        bounce_type
    from email_events
    where bounce_type is not null
),

sessions as (
    select * from {{ ref('fct_sessions') }}
),

bot_sessions as (
    select session_id from sessions
    where is_bot
),

final as (
    select
        contact_events.contact_event_id,
        contact_events.contact_id,
        contact_events.event_stream,
        contact_events.event_type,
        contact_events.occurred_at,
        contact_events.event_date,
        contact_events.session_id,
        contact_events.page_path,
        contact_events.form_type,
        bounces.bounce_type,
        contact_events.engagement_quality,
        contact_events._loaded_at
    from contact_events
    left join bounces
        on contact_events.event_stream = 'email'
            and contact_events.source_event_id = bounces.email_event_id
    left join bot_sessions
        on contact_events.session_id = bot_sessions.session_id
    where contact_events.contact_id is not null
        and not coalesce(contact_events.is_bot, false)
        and bot_sessions.session_id is null
        and coalesce(contact_events.engagement_quality, 'human') not in (
            {%- for quality in excluded_qualities %}
                '{{ quality }}'{{ ',' if not loop.last }}
            {%- endfor %}
        )
)

select * from final
