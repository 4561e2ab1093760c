-- Every web event with its session. A session is a run of one visitor's events with no gap
-- longer than clicktrail__session_timeout_seconds; optional splits at an email click-through,
-- a campaign change or local midnight; or the source's own session id when trusted. Sessions
-- longer than clicktrail__session_max_length_seconds are cut into parts. Events are ordered
-- by (occurred_at, web_event_id), so reruns give the same session ids.
{%- set timeout_s = var('clicktrail__session_timeout_seconds') %}
{%- set max_s = var('clicktrail__session_max_length_seconds') %}

with

web_events as (
    select * from {{ ref('int_web_events_enriched') }}
),

visitors as (
    select
        *,
        coalesce(
            {{ dbt.concat(["source_system", "':'", "anonymous_id"]) }},
            {{ dbt.concat(["source_system", "':user:'", "user_id"]) }}
        ) as visitor_id,
        traffic_medium != '(none)' or traffic_source != '(direct)' as has_non_direct_source,
    from web_events
),

ordered as (
    select
        *,
        lag(occurred_at) over (
            partition by visitor_id order by occurred_at, web_event_id
        ) as previous_occurred_at,
        lag(page_recipient_token) over (
            partition by visitor_id order by occurred_at, web_event_id
        ) as previous_recipient_token,
        lag(source_session_id) over (
            partition by visitor_id order by occurred_at, web_event_id
        ) as previous_source_session_id,
        {%- if var('clicktrail__session_split_on_campaign_change') %}
        {{ clicktrail.last_non_null('case when has_non_direct_source then traffic_key end') }}
        over (
            partition by visitor_id order by occurred_at, web_event_id
            rows between unbounded preceding and 1 preceding
        ) as previous_non_direct_traffic_key,
        {%- endif %}
    from visitors
),

boundaries as (
    select
        *,
        case
            when previous_occurred_at is null then true
        {%- if var('clicktrail__session_trust_source_session_id') %}
            when source_session_id is not null or previous_source_session_id is not null
                then coalesce(source_session_id, '') != coalesce(previous_source_session_id, '')
        {%- endif %}
            when {{ dbt.datediff('previous_occurred_at', 'occurred_at', 'second') }}
                > {{ timeout_s }} then true
        {%- if var('clicktrail__session_split_on_email_click') %}
            when page_recipient_token is not null
                and page_recipient_token != coalesce(previous_recipient_token, '') then true
        {%- endif %}
        {%- if var('clicktrail__session_split_on_campaign_change') %}
            when has_non_direct_source
                and traffic_key != coalesce(previous_non_direct_traffic_key, '') then true
        {%- endif %}
        {%- if var('clicktrail__session_split_at_midnight') %}
            when {{ clicktrail.to_local_date('occurred_at', var('clicktrail__session_timezone')) }}
                != {{ clicktrail.to_local_date('previous_occurred_at', var('clicktrail__session_timezone')) }}
                then true
        {%- endif %}
            else false
        end as is_session_start,
    from ordered
),

numbered as (
    select
        *,
        sum(case when is_session_start then 1 else 0 end) over (
            partition by visitor_id order by occurred_at, web_event_id
            rows between unbounded preceding and current row
        ) as base_session_index,
    from boundaries
),

with_base_start as (
    select
        *,
        min(occurred_at) over (
            partition by visitor_id, base_session_index
        ) as base_session_started_at,
    from numbered
),

-- The cap: a run longer than the maximum length continues as a new part.
capped as (
    select
        *,
        cast(
            floor(
                {{ dbt.datediff('base_session_started_at', 'occurred_at', 'second') }}
                / {{ max_s }}
            ) as {{ dbt.type_int() }}
        ) as session_part,
    from with_base_start
),

first_events as (
    select
        *,
        first_value(web_event_id) over (
            partition by visitor_id, base_session_index, session_part
            order by occurred_at, web_event_id
            rows between unbounded preceding and unbounded following
        ) as first_web_event_id,
    from capped
),

final as (
    select
        *,
        {{ dbt.hash(dbt.concat(["visitor_id", "'|'", "first_web_event_id"])) }} as session_id,
        max(session_part) over (partition by visitor_id, base_session_index) > 0
            as is_capped_session,
        row_number() over (
            partition by visitor_id, base_session_index, session_part
            order by occurred_at, web_event_id
        ) as event_index_in_session,
    from first_events
)

select * from final
