{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='contact_event_id',
    on_schema_change='fail',
    post_hook="{{ clicktrail.delete_orphan_rows(
        ref('stg_crm__opportunities'), 'source_event_id', 'opportunity_id', 'crm'
    ) }}",
) }}

-- depends_on: {{ ref('int_identity_changes') }}
-- depends_on: {{ ref('int_campaign_utm_changes') }}
-- One row per deduplicated email, web or CRM event, both streams unified, with the resolved
-- contact (retroactive for web events from before a visitor identified), channel, campaign,
-- page, engagement quality and conversion flags.
-- Incremental (DECISIONLOG D-014); an event never disappears, so contact_event_id is the
-- unique key. A run writes: web events of visitors re-sessionised since its last run, of
-- identifiers whose contact changed since then (int_identity_changes) and email-medium web
-- events whose utm_campaign maps to other campaigns now (int_campaign_utm_changes, D-018);
-- email events rewritten in fct_email_events since then; every CRM opportunity (few).
with

email_events as (
    select * from {{ ref('fct_email_events') }}
    where {{ clicktrail.changed_since_last_run() }}
),

all_web_events as (
    select * from {{ ref('int_web_events_sessionized') }}
),
{%- if is_incremental() %}

identity_changes as (
    select * from {{ ref('int_identity_changes') }}
    where {{ clicktrail.changed_since_last_run() }}
),

utm_campaign_changes as (
    select * from {{ ref('int_campaign_utm_changes') }}
    where {{ clicktrail.changed_since_last_run() }}
),
{%- endif %}

web_events as (
    select * from all_web_events
    {%- if is_incremental() %}
    where {{ clicktrail.changed_since_last_run('_sessionized_at', '_loaded_at') }}
        or (
            lower(traffic_medium) = 'email'
            and traffic_campaign in (
                select utm_campaign_changes.utm_campaign from utm_campaign_changes
            )
        )
        or {{ clicktrail.in_changed_identifiers(
            dbt.concat(["source_system", "':'", "anonymous_id"]), 'web_anonymous_id'
        ) }}
        or {{ clicktrail.in_changed_identifiers('user_id', 'user_id') }}
    {%- endif %}
),

opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

identifiers as (
    select * from {{ ref('int_contact_identifiers') }}
),

conversions as (
    select * from {{ ref('int_conversions') }}
),

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
),

email_rows as (
    select
        {{ dbt.concat(["'email:'", "email_event_id"]) }} as contact_event_id,
        'email' as event_stream,
        source_system,
        email_event_id as source_event_id,
        event_type,
        occurred_at,
        contact_id,
        cast(null as {{ dbt.type_string() }}) as visitor_id,
        cast(null as {{ dbt.type_string() }}) as session_id,
        'Email' as channel_group,
        campaign_id,
        campaign_name,
        click_destination_url as url,
        click_destination_path as page_path,
        cast(null as {{ dbt.type_string() }}) as form_type,
        engagement_quality,
        is_bot
    from email_events
),

web_rows as (
    select
        {{ dbt.concat(["'web:'", "web_events.web_event_id"]) }} as contact_event_id,
        'web' as event_stream,
        web_events.source_system,
        web_events.web_event_id as source_event_id,
        web_events.event_type,
        web_events.occurred_at,
        coalesce(by_anon.contact_id, by_user.contact_id) as contact_id,
        web_events.visitor_id,
        web_events.session_id,
        web_events.channel_group,
        campaigns.campaign_id,
        coalesce(campaigns.campaign_name, web_events.traffic_campaign) as campaign_name,
        web_events.page_url_clean as url,
        web_events.page_path,
        web_events.form_type,
        case when web_events.is_bot then 'bot' else 'human' end as engagement_quality,
        web_events.is_bot
    from web_events
    left join identifiers as by_anon
        on by_anon.identifier_type = 'web_anonymous_id'
            and by_anon.identifier_value
            = {{ dbt.concat(["web_events.source_system", "':'", "web_events.anonymous_id"]) }}
    left join identifiers as by_user
        on by_user.identifier_type = 'user_id'
            and web_events.user_id = by_user.identifier_value
    left join campaigns
        on lower(web_events.traffic_medium) = 'email'
            and web_events.traffic_campaign = campaigns.utm_campaign
),

crm_rows as (
    select
        {{ dbt.concat(["'crm:'", "opportunities.opportunity_id"]) }} as contact_event_id,
        'crm' as event_stream,
        'crm' as source_system,
        opportunities.opportunity_id as source_event_id,
        'opportunity_created' as event_type,
        opportunities.created_at as occurred_at,
        identifiers.contact_id,
        cast(null as {{ dbt.type_string() }}) as visitor_id,
        cast(null as {{ dbt.type_string() }}) as session_id,
        cast(null as {{ dbt.type_string() }}) as channel_group,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        cast(null as {{ dbt.type_string() }}) as url,
        cast(null as {{ dbt.type_string() }}) as page_path,
        cast(null as {{ dbt.type_string() }}) as form_type,
        'human' as engagement_quality,
        false as is_bot
    from opportunities
    left join identifiers
        on identifiers.identifier_type = 'crm_contact_id'
            and opportunities.crm_contact_id = identifiers.identifier_value
),

unioned as (
    select * from email_rows
    union all
    select * from web_rows
    union all
    select * from crm_rows
),

resolved as (
    select
        unioned.contact_event_id,
        unioned.event_stream,
        unioned.source_system,
        unioned.source_event_id,
        unioned.event_type,
        unioned.occurred_at,
        cast(unioned.occurred_at as date) as event_date,
        unioned.contact_id,
        unioned.visitor_id,
        unioned.session_id,
        unioned.channel_group,
        unioned.campaign_id,
        unioned.campaign_name,
        unioned.url,
        unioned.page_path,
        unioned.form_type,
        unioned.engagement_quality,
        unioned.is_bot,
        conversions.conversion_id is not null as is_conversion,
        conversions.conversion_name,
        conversions.conversion_value,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from unioned
    left join conversions
        on unioned.event_stream = conversions.event_stream
            and unioned.source_event_id = conversions.source_event_id
),

{%- if is_incremental() %}

built_crm_rows as (
    select
        contact_event_id,
        occurred_at,
        contact_id,
        conversion_name,
        conversion_value
    from {{ this }}
    where event_stream = 'crm'
),
{%- endif %}

-- CRM opportunities come from a snapshot read in full: on an incremental run only the ones
-- that are new or whose time, contact or conversion changed are written.
final as (
    select resolved.* from resolved
    {%- if is_incremental() %}
    left join built_crm_rows as built
        on resolved.event_stream = 'crm'
            and resolved.contact_event_id = built.contact_event_id
    where resolved.event_stream != 'crm'
        or built.contact_event_id is null
        {%- for column in [
            'occurred_at', 'contact_id', 'conversion_name', 'conversion_value'
        ] %}
        or {{ clicktrail.values_differ('resolved.' ~ column, 'built.' ~ column) }}
        {%- endfor %}
    {%- endif %}
)

select * from final
