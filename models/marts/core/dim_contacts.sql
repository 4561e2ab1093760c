{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='contact_id',
    on_schema_change='fail',
    post_hook="{{ clicktrail.delete_orphan_rows(ref('int_contact_identifiers'), 'contact_id') }}",
) }}

-- The scope of an incremental run is a set of CTEs at the top level, not an indented block.
-- sqlfluff:indentation:template_blocks_indent:False
-- One row per resolved contact: identifiers known, CRM attributes, first seen and first
-- touch, email status and activity counts.
-- Incremental (DECISIONLOG D-033): a row depends on the contact's identifiers, its CRM
-- record and its events. A run rewrites the contacts whose identifier set differs from the
-- one built (a fingerprint of the sorted node ids; new contacts too), that have an event
-- written to fct_contact_events since the last run, whose CRM attributes changed, or that
-- held a CRM opportunity when built (an opportunity removed from the CRM snapshot leaves no
-- newer row behind; opportunities are few). An event that moves to another contact moves
-- with its identifier, which changes the identifier set of both contacts. A post-hook
-- deletes contacts that no identifier resolves to any more. Where the adapter has no
-- delete+insert the model is a table.
{%- set crm_columns = [
    'company_name', 'company_domain', 'company_size', 'industry', 'job_title', 'country_code',
] %}

with

identifiers as (
    select * from {{ ref('int_contact_identifiers') }}
    where contact_id is not null
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

contact_events as (
    select * from {{ ref('fct_contact_events') }}
    where contact_id is not null
),
{%- if is_incremental() %}

-- Events written to fct_contact_events since this model's last run (a CTE of its own:
-- one read of contact_events by two CTEs would be materialised with every column).
written_events as (
    select contact_id from {{ ref('fct_contact_events') }}
    where contact_id is not null
        and {{ clicktrail.changed_since_last_run() }}
),
{%- endif %}

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
        count(*) as n_identifiers,
        {{ dbt.hash(dbt.listagg("node_id", "';'", "order by node_id")) }}
            as identifiers_fingerprint
    from identifiers
    group by contact_id
),
{%- if is_incremental() %}

built_contacts as (
    select
        contact_id,
        crm_contact_id,
        {%- for column in crm_columns %}
        {{ column }},
        {%- endfor %}
        crm_created_at,
        n_crm_opportunities,
        _identifiers_fingerprint
    from {{ this }}
),

-- Contacts whose row may differ from the one built.
changed_contacts as (
    select identifier_counts.contact_id from identifier_counts
    left join built_contacts
        on identifier_counts.contact_id = built_contacts.contact_id
    where built_contacts.contact_id is null
        or built_contacts._identifiers_fingerprint != identifier_counts.identifiers_fingerprint
    union
    select written_events.contact_id from written_events
    union
    select built_contacts.contact_id from built_contacts
    where built_contacts.n_crm_opportunities > 0
    union
    select built_contacts.contact_id from built_contacts
    inner join crm_contacts
        on built_contacts.crm_contact_id = crm_contacts.crm_contact_id
    where {{ clicktrail.values_differ('built_contacts.crm_created_at', 'crm_contacts.created_at') }}
        {%- for column in crm_columns %}
        or {{ clicktrail.values_differ('built_contacts.' ~ column, 'crm_contacts.' ~ column) }}
        {%- endfor %}
),

{%- endif %}

contacts as (
    select * from identifier_counts
    {%- if is_incremental() %}
    where contact_id in (select changed_contacts.contact_id from changed_contacts)
    {%- endif %}
),

-- The events of the contacts written (on a full refresh, all of them), with the columns
-- the roll-ups use: `events` is read three times, so the engine materialises it.
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
    from contact_events
    {%- if is_incremental() %}
    where contact_id in (select changed_contacts.contact_id from changed_contacts)
    {%- endif %}
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
        count(case when event_stream = 'crm' then 1 end) as n_crm_opportunities,
        count(distinct session_id) as n_sessions,
        count(case when is_conversion then 1 end) as n_conversions
    from events
    group by contact_id
),

final as (
    select
        contacts.contact_id,
        contacts.crm_contact_id,
        contacts.esp_contact_id,
        contacts.email_sha256,
        contacts.user_id,
        contacts.n_email_addresses,
        contacts.n_web_visitor_ids,
        contacts.n_identifiers,
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
        coalesce(activity.n_crm_opportunities, 0) as n_crm_opportunities,
        coalesce(activity.n_sessions, 0) as n_sessions,
        coalesce(activity.n_conversions, 0) as n_conversions,
        contacts.identifiers_fingerprint as _identifiers_fingerprint,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from contacts
    left join crm_contacts
        on contacts.crm_contact_id = crm_contacts.crm_contact_id
    left join activity
        on contacts.contact_id = activity.contact_id
    left join first_touches
        on contacts.contact_id = first_touches.contact_id
            and first_touches.touch_index = 1
    left join email_status_events
        on contacts.contact_id = email_status_events.contact_id
            and email_status_events.recency_index = 1
)

select * from final
