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
        min(campaign_id) as campaign_id,
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

-- The columns the sessions use: `events` is read three times, so the engine materialises
-- it, and with `select *` that copy held every column of every event.
events as (
    select
        session_id,
        web_event_id,
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
        source_session_id,
    from all_events
    {%- if is_incremental() %}
    where visitor_id in (select affected_visitors.visitor_id from affected_visitors)
    {%- endif %}
),

session_conversions as (
    select
        session_id,
        count(*) as n_conversions,
    from conversions
    group by session_id
),

landings as (
    select * from events
    where event_index_in_session = 1
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
    from events
    group by session_id
),

exits as (
    select
        session_id,
        page_path as exit_page_path,
        row_number() over (
            partition by session_id order by occurred_at desc, web_event_id desc
        ) as reverse_page_index,
    from events
    where event_type = 'page_view'
),

final as (
    select
        aggregated.session_id,
        landings.visitor_id,
        landings.source_system,
        landings.anonymous_id,
        aggregated.user_id,
        aggregated.started_at,
        aggregated.ended_at,
        {{ dbt.datediff('aggregated.started_at', 'aggregated.ended_at', 'second') }}
            as duration_seconds,
        aggregated.n_events,
        aggregated.n_page_views,
        aggregated.engagement_time_msec,
        landings.page_url_clean as landing_page_url,
        landings.page_path as landing_page_path,
        exits.exit_page_path,
        landings.traffic_source,
        landings.traffic_medium,
        landings.traffic_campaign,
        landings.channel_group,
        landings.click_id,
        landings.click_id_type,
        landings.page_recipient_token as landing_recipient_token,
        email_tokens.campaign_id as email_campaign_id,
        landings.device_category,
        landings.browser,
        landings.source_session_id,
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
            partition by landings.visitor_id order by aggregated.started_at, aggregated.session_id
        ) as session_number,
        {{ clicktrail.loaded_at() }} as _loaded_at,
    from aggregated
    inner join landings
        on aggregated.session_id = landings.session_id
    left join exits
        on aggregated.session_id = exits.session_id
            and exits.reverse_page_index = 1
    left join email_tokens
        on landings.page_recipient_token = email_tokens.recipient_token
    left join session_conversions
        on aggregated.session_id = session_conversions.session_id
)

select * from final
