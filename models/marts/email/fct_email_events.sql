{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='email_event_id',
    on_schema_change='fail',
) }}

-- depends_on: {{ ref('int_identity_changes') }}
-- One row per deduplicated ESP event, both ESPs, with the human-or-machine classification
-- of opens and clicks and the resolved contact.
-- Incremental (DECISIONLOG D-015): a run writes the events rewritten upstream since its last
-- run (new, or their campaign changed), those classified again, and those of identifiers
-- (ESP contact id, email hash) whose contact changed; an event never disappears.
with

all_email_events as (
    select * from {{ ref('int_email_events_unioned') }}
),

classified as (
    select * from {{ ref('int_email_engagements_classified') }}
),
{%- if is_incremental() %}

identity_changes as (
    select * from {{ ref('int_identity_changes') }}
    where {{ clicktrail.changed_since_last_run() }}
),
{%- endif %}

email_events as (
    select * from all_email_events
    {%- if is_incremental() %}
    where {{ clicktrail.changed_since_last_run() }}
        or email_event_id in (
            select classified.email_event_id from classified
            where {{ clicktrail.changed_since_last_run('classified._loaded_at', '_loaded_at') }}
        )
        or {{ clicktrail.in_changed_identifiers('esp_contact_id', 'esp_contact_id') }}
        or {{ clicktrail.in_changed_identifiers('email_sha256', 'email_sha256') }}
    {%- endif %}
),

urls as (
    select * from {{ ref('int_urls_parsed') }}
),

contacts as (
    select * from {{ ref('int_contact_identifiers') }}
),

final as (
    select
        email_events.email_event_id,
        email_events.source_system,
        email_events.event_type,
        email_events.occurred_at,
        email_events.event_date,
        coalesce(by_esp_id.contact_id, by_email.contact_id) as contact_id,
        email_events.esp_contact_id,
        email_events.email_sha256,
        email_events.campaign_id,
        email_events.campaign_name,
        email_events.message_key,
        urls.destination_url as click_destination_url,
        urls.url_host as click_destination_host,
        urls.url_path as click_destination_path,
        email_events.bounce_type,
        classified.engagement_quality,
        classified.classification_reason,
        classified.seconds_after_delivery,
        coalesce(classified.engagement_quality = 'bot', false) as is_bot,
        coalesce(classified.engagement_quality = 'machine_open', false) as is_machine_open,
        coalesce(classified.engagement_quality = 'human', false) as is_human_engagement,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from email_events
    left join classified
        on email_events.email_event_id = classified.email_event_id
    left join urls
        on email_events.url = urls.url
    left join contacts as by_esp_id
        on by_esp_id.identifier_type = 'esp_contact_id'
            and email_events.esp_contact_id = by_esp_id.identifier_value
    left join contacts as by_email
        on by_email.identifier_type = 'email_sha256'
            and email_events.email_sha256 = by_email.identifier_value
)

select * from final
