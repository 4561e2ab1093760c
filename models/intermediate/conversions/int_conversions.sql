-- One row per conversion: web events and CRM opportunities that match a row of the seed
-- conversion_definitions, with the contact, the session (web) and the value.
with

web_events as (
    select * from {{ ref('int_web_events_sessionized') }}
    where not is_bot
),

opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

definitions as (
    select * from {{ ref('conversion_definitions') }}
),

identifiers as (
    select * from {{ ref('int_contact_identifiers') }}
),

web_conversions as (
    select
        definitions.conversion_name,
        definitions.milestone,
        definitions.lookback_days,
        'web' as event_stream,
        web_events.web_event_id as source_event_id,
        web_events.occurred_at,
        web_events.session_id,
        web_events.visitor_id,
        coalesce(by_anon.contact_id, by_user.contact_id) as contact_id,
        cast(definitions.conversion_value as {{ clicktrail.type_double() }}) as conversion_value
    from web_events
    inner join definitions
        on definitions.event_stream = 'web'
            and web_events.event_type = definitions.event_type
            and (definitions.form_type is null or web_events.form_type = definitions.form_type)
            and (
                definitions.page_path_like is null
                or web_events.page_path like definitions.page_path_like
            )
    left join identifiers as by_anon
        on by_anon.identifier_type = 'web_anonymous_id'
            and by_anon.identifier_value
            = {{ dbt.concat(["web_events.source_system", "':'", "web_events.anonymous_id"]) }}
    left join identifiers as by_user
        on by_user.identifier_type = 'user_id'
            and web_events.user_id = by_user.identifier_value
),

crm_conversions as (
    select
        definitions.conversion_name,
        definitions.milestone,
        definitions.lookback_days,
        'crm' as event_stream,
        opportunities.opportunity_id as source_event_id,
        opportunities.created_at as occurred_at,
        cast(null as {{ dbt.type_string() }}) as session_id,
        cast(null as {{ dbt.type_string() }}) as visitor_id,
        identifiers.contact_id,
        cast(
            case
                when definitions.conversion_value = 0 then opportunities.amount
                else definitions.conversion_value
            end as {{ clicktrail.type_double() }}
        ) as conversion_value
    from opportunities
    inner join definitions
        on definitions.event_stream = 'crm'
            and definitions.event_type = 'opportunity_created'
    left join identifiers
        on identifiers.identifier_type = 'crm_contact_id'
            and opportunities.crm_contact_id = identifiers.identifier_value
),

unioned as (
    select * from web_conversions
    union all
    select * from crm_conversions
),

final as (
    select
        {{ dbt.hash(dbt.concat(["conversion_name", "'|'", "event_stream", "'|'", "source_event_id"])) }}
            as conversion_id,
        *
    from unioned
)

select * from final
