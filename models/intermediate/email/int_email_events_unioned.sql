-- Every deduplicated ESP event from every ESP in one shape, with its campaign's attributes.
with

sendgrid_events as (
    select * from {{ ref('stg_sendgrid__events') }}
),

generic_esp_events as (
    select * from {{ ref('stg_esp__events') }}
),

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
),

unioned as (
    select * from sendgrid_events
    union all
    select * from generic_esp_events
),

final as (
    select
        unioned.email_event_id,
        unioned.source_system,
        unioned.source_event_id,
        unioned.source_event_type,
        unioned.event_type,
        unioned.occurred_at,
        unioned.event_date,
        unioned.esp_contact_id,
        unioned.email_sha256,
        unioned.email_domain,
        unioned.campaign_id,
        coalesce(campaigns.campaign_name, unioned.campaign_name) as campaign_name,
        campaigns.utm_campaign,
        campaigns.link_count as campaign_link_count,
        unioned.message_id,
        -- A message is one recipient x send; ESPs without a message id fall back to
        -- contact x campaign.
        coalesce(
            unioned.message_id,
            {{ dbt.concat([
                "coalesce(unioned.esp_contact_id, unioned.email_sha256)", "'|'",
                "coalesce(unioned.campaign_id, '')",
            ]) }}
        ) as message_key,
        unioned.url,
        unioned.url_offset_index,
        unioned.user_agent,
        unioned.ip_truncated,
        unioned.bounce_type,
        unioned.bounce_reason,
        unioned.is_esp_machine_open,
        unioned.categories,
    from unioned
    left join campaigns
        on unioned.campaign_id = campaigns.campaign_id
)

select * from final
