-- One row per resolved contact: identifiers known, CRM attributes, first seen and first
-- touch, email status and activity counts.
with

identifiers as (
    select * from {{ ref('int_contact_identifiers') }}
    where contact_id is not null
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

-- The columns the contact roll-ups use: `events` is read three times, so the engine
-- materialises it.
events as (
    select
        contact_event_id,
        contact_id,
        event_stream,
        event_type,
        occurred_at,
        engagement_quality,
        is_bot,
        is_conversion,
        session_id,
        channel_group,
        campaign_name
    from {{ ref('fct_contact_events') }}
    where contact_id is not null
),

identifier_counts as (
    select
        contact_id,
        min(case when identifier_type = 'crm_contact_id' then identifier_value end)
            as crm_contact_id,
        min(case when identifier_type = 'esp_contact_id' then identifier_value end)
            as esp_contact_id,
        min(case when identifier_type = 'email_sha256' then identifier_value end)
            as email_sha256,
        min(case when identifier_type = 'user_id' then identifier_value end) as user_id,
        count(case when identifier_type = 'email_sha256' then 1 end) as n_email_addresses,
        count(case when identifier_type = 'web_anonymous_id' then 1 end) as n_web_visitor_ids,
        count(*) as n_identifiers
    from identifiers
    group by contact_id
),

first_touches as (
    select
        contact_id,
        channel_group as first_touch_channel,
        campaign_name as first_touch_campaign,
        row_number() over (
            partition by contact_id order by occurred_at, contact_event_id
        ) as touch_index
    from events
    where not is_bot
        and (
            (
                event_stream = 'email' and event_type = 'email_click'
                and engagement_quality = 'human'
            )
            or (event_stream = 'web' and event_type = 'page_view')
        )
),

-- The last subscription-changing event decides the email status.
email_status_events as (
    select
        contact_id,
        case
            when event_type = 'email_bounce' then 'bounced'
            when event_type in ('email_unsubscribe', 'email_spam_complaint') then 'unsubscribed'
            else 'subscribed'
        end as email_status,
        row_number() over (
            partition by contact_id order by occurred_at desc, contact_event_id desc
        ) as recency_index
    from events
    where event_type in (
            'email_delivered', 'email_bounce', 'email_unsubscribe', 'email_spam_complaint',
            'email_resubscribe'
        )
),

activity as (
    select
        contact_id,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(case when event_stream = 'email' then 1 end) as n_email_events,
        count(case when event_stream = 'web' then 1 end) as n_web_events,
        count(distinct session_id) as n_sessions,
        count(case when is_conversion then 1 end) as n_conversions
    from events
    group by contact_id
),

final as (
    select
        identifier_counts.contact_id,
        identifier_counts.crm_contact_id,
        identifier_counts.esp_contact_id,
        identifier_counts.email_sha256,
        identifier_counts.user_id,
        identifier_counts.n_email_addresses,
        identifier_counts.n_web_visitor_ids,
        identifier_counts.n_identifiers,
        crm_contacts.company_name,
        crm_contacts.company_domain,
        crm_contacts.company_size,
        crm_contacts.industry,
        crm_contacts.job_title,
        crm_contacts.country_code,
        crm_contacts.created_at as crm_created_at,
        activity.first_seen_at,
        activity.last_seen_at,
        first_touches.first_touch_channel,
        first_touches.first_touch_campaign,
        coalesce(email_status_events.email_status, 'unknown') as email_status,
        coalesce(activity.n_email_events, 0) as n_email_events,
        coalesce(activity.n_web_events, 0) as n_web_events,
        coalesce(activity.n_sessions, 0) as n_sessions,
        coalesce(activity.n_conversions, 0) as n_conversions
    from identifier_counts
    left join crm_contacts
        on identifier_counts.crm_contact_id = crm_contacts.crm_contact_id
    left join activity
        on identifier_counts.contact_id = activity.contact_id
    left join first_touches
        on identifier_counts.contact_id = first_touches.contact_id
            and first_touches.touch_index = 1
    left join email_status_events
        on identifier_counts.contact_id = email_status_events.contact_id
            and email_status_events.recency_index = 1
)

select * from final
