{{ config(
    materialized=clicktrail.replace_by_key_materialization(),
    incremental_strategy='delete+insert',
    unique_key='visitor_id',
    on_schema_change='fail',
) }}

-- One row per session with its counts, landing and exit, traffic source of the landing,
-- email campaign when it began from an email click-through, and engagement.
-- Incremental (DECISIONLOG D-014): a run rebuilds every session of each visitor whose events
-- were re-sessionised since its last run, or whose landing recipient token now maps to
-- another email campaign (late ESP data); rows of a visitor are replaced as a whole, since a
-- late event can merge two sessions and remove one id. Where the adapter has no
-- delete+insert the model is a table.
{#- Taken from the session's first event. -#}
{%- set landing_columns = [
    'visitor_id', 'source_system', 'anonymous_id', 'page_url_clean', 'page_path',
    'traffic_source', 'traffic_medium', 'traffic_campaign', 'channel_group', 'click_id',
    'click_id_type', 'page_recipient_token', 'device_category', 'browser', 'source_session_id',
] %}
with

all_events as (
    select * from {{ ref('int_web_events_sessionized') }}
),

conversions as (
    select * from {{ ref('int_conversions') }}
    where session_id is not null
),

email_tokens as (
    select
        recipient_token,
        min(campaign_id) as campaign_id
    from {{ ref('int_email_engagement_signals') }}
    where recipient_token is not null
    group by recipient_token
),

{%- if is_incremental() %}

affected_visitors as (
    -- Reads the relation, not the all_events CTE: a CTE used twice is materialised in
    -- full (DuckDB, Postgres), which wrote out the whole event table every night.
    select stamped.visitor_id from {{ ref('int_web_events_sessionized') }} as stamped
    where {{ clicktrail.changed_since_last_run('stamped._sessionized_at', '_loaded_at') }}

    union

    select built.visitor_id from {{ this }} as built
    left join email_tokens
        on built.landing_recipient_token = email_tokens.recipient_token
    where built.landing_recipient_token is not null
        and coalesce(built.email_campaign_id, '') != coalesce(email_tokens.campaign_id, '')
),
{%- endif %}

-- The columns the sessions use. Read once (DECISIONLOG D-029): one aggregate per session
-- takes the landing columns from the session's first event (exactly one event has index 1)
-- and the index of its last page view; read three times, the engine materialised every
-- event (at 50M events with the 3GB limit that ran out of memory).
events as (
    select
        session_id,
        event_index_in_session,
        visitor_id,
        source_system,
        anonymous_id,
        user_id,
        occurred_at,
        event_type,
        engagement_time_msec,
        is_bot,
        is_capped_session,
        page_url_clean,
        page_path,
        traffic_source,
        traffic_medium,
        traffic_campaign,
        channel_group,
        click_id,
        click_id_type,
        page_recipient_token,
        device_category,
        browser,
        source_session_id
    from all_events
    {%- if is_incremental() %}
    where visitor_id in (select affected_visitors.visitor_id from affected_visitors)
    {%- endif %}
),

session_conversions as (
    select
        session_id,
        count(*) as n_conversions
    from conversions
    group by session_id
),

aggregated as (
    select
        session_id,
        min(occurred_at) as started_at,
        max(occurred_at) as ended_at,
        count(*) as n_events,
        count(case when event_type = 'page_view' then 1 end) as n_page_views,
        cast(sum(coalesce(engagement_time_msec, 0)) as {{ dbt.type_bigint() }})
            as engagement_time_msec,
        max(case when is_bot then 1 else 0 end) = 1 as is_bot,
        max(case when is_capped_session then 1 else 0 end) = 1 as is_capped,
        max(user_id) as user_id,
        {%- for column in landing_columns %}
            max(case when event_index_in_session = 1 then {{ column }} end)
                as landing_{{ column }},
        {%- endfor %}
        -- Events are indexed by time, then id: the last page view has the highest index.
        max(case when event_type = 'page_view' then event_index_in_session end)
            as exit_event_index
    from events
    group by session_id
),

-- The exit page: a second read of the relation (page views only, three columns), joined on
-- the index found above.
page_views as (
    select
        session_id,
        event_index_in_session,
        page_path
    from {{ ref('int_web_events_sessionized') }}
    where event_type = 'page_view'
    {%- if is_incremental() %}
        and visitor_id in (select affected_visitors.visitor_id from affected_visitors)
    {%- endif %}
),

final as (
    select
        aggregated.session_id,
        aggregated.landing_visitor_id as visitor_id,
        aggregated.landing_source_system as source_system,
        aggregated.landing_anonymous_id as anonymous_id,
        aggregated.user_id,
        aggregated.started_at,
        aggregated.ended_at,
        cast(
            {{ dbt.datediff('aggregated.started_at', 'aggregated.ended_at', 'second') }}
            as {{ dbt.type_bigint() }}
        ) as duration_seconds,
        aggregated.n_events,
        aggregated.n_page_views,
        aggregated.engagement_time_msec,
        aggregated.landing_page_url_clean as landing_page_url,
        aggregated.landing_page_path,
        exit_pages.page_path as exit_page_path,
        aggregated.landing_traffic_source as traffic_source,
        aggregated.landing_traffic_medium as traffic_medium,
        aggregated.landing_traffic_campaign as traffic_campaign,
        aggregated.landing_channel_group as channel_group,
        aggregated.landing_click_id as click_id,
        aggregated.landing_click_id_type as click_id_type,
        aggregated.landing_page_recipient_token as landing_recipient_token,
        email_tokens.campaign_id as email_campaign_id,
        aggregated.landing_device_category as device_category,
        aggregated.landing_browser as browser,
        aggregated.landing_source_session_id as source_session_id,
        coalesce(session_conversions.n_conversions, 0) as n_conversions,
        aggregated.is_bot,
        aggregated.is_capped,
        -- Engaged (GA4): longer than the minimum (compared in microseconds), or >= 2 page
        -- views, or a conversion.
        {{ dbt.datediff('aggregated.started_at', 'aggregated.ended_at', 'microsecond') }}
        > {{ var('clicktrail__session_engaged_min_seconds') * 1000000 }}
        or aggregated.n_page_views >= 2
        or coalesce(session_conversions.n_conversions, 0) > 0 as is_engaged,
        row_number() over (
            partition by aggregated.landing_visitor_id
            order by aggregated.started_at, aggregated.session_id
        ) as session_number,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from aggregated
    left join page_views as exit_pages
        on aggregated.session_id = exit_pages.session_id
            and aggregated.exit_event_index = exit_pages.event_index_in_session
    left join email_tokens
        on aggregated.landing_page_recipient_token = email_tokens.recipient_token
    left join session_conversions
        on aggregated.session_id = session_conversions.session_id
)

select * from final
