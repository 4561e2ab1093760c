{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='page_view_id',
    on_schema_change='fail',
) }}

-- One row per page view with what happened on the page (interactions until the next page
-- view of the session) and time on page (until the next page view, else the last
-- interaction on the page).
-- Incremental (DECISIONLOG D-014): a run rebuilds the page views of each visitor whose events
-- were re-sessionised since its last run, or whose session now resolves to another contact
-- (identity reaches back); a page view never disappears, so page_view_id is the unique key.
with

all_events as (
    select * from {{ ref('int_web_events_sessionized') }}
),

sessions as (
    select * from {{ ref('fct_sessions') }}
),
{%- if is_incremental() %}

affected_visitors as (
    -- Reads the relation, not the all_events CTE: a CTE used twice is materialised in
    -- full (DuckDB, Postgres), which wrote out the whole event table every night.
    select stamped.visitor_id from {{ ref('int_web_events_sessionized') }} as stamped
    where {{ clicktrail.changed_since_last_run('stamped._sessionized_at', '_loaded_at') }}

    union

    select built.visitor_id from {{ this }} as built
    inner join {{ ref('fct_sessions') }} as current_sessions
        on built.session_id = current_sessions.session_id
    where coalesce(built.contact_id, '') != coalesce(current_sessions.contact_id, '')
),
{%- endif %}

-- The columns the page views use: the window below sorts these rows, so every extra column
-- is copied and sorted.
events as (
    select
        web_event_id,
        session_id,
        visitor_id,
        source_system,
        event_type,
        occurred_at,
        page_url_clean,
        page_host,
        page_path,
        page_title,
        referrer_host,
        scroll_percent,
        engagement_time_msec,
        is_bot
    from all_events
    {%- if is_incremental() %}
    where visitor_id in (select affected_visitors.visitor_id from affected_visitors)
    {%- endif %}
),

indexed as (
    select
        *,
        cast(
            sum(case when event_type = 'page_view' then 1 else 0 end) over (
                partition by session_id order by occurred_at, web_event_id
                rows between unbounded preceding and current row
            ) as {{ dbt.type_bigint() }}
        ) as page_view_index
    from events
),

-- `indexed` is read once (D-026): one aggregate per page view takes the page view's own
-- columns from its page_view row (each index above 0 has exactly one) and the interaction
-- counts from every event up to the next page view; the lead then runs over page views only.
page_view_groups as (
    select
        session_id,
        page_view_index,
        max(case when event_type = 'page_view' then web_event_id end) as web_event_id,
        max(case when event_type = 'page_view' then visitor_id end) as visitor_id,
        max(case when event_type = 'page_view' then source_system end) as source_system,
        max(case when event_type = 'page_view' then occurred_at end) as occurred_at,
        max(case when event_type = 'page_view' then page_url_clean end) as page_url_clean,
        max(case when event_type = 'page_view' then page_host end) as page_host,
        max(case when event_type = 'page_view' then page_path end) as page_path,
        max(case when event_type = 'page_view' then page_title end) as page_title,
        max(case when event_type = 'page_view' then referrer_host end) as referrer_host,
        max(
            case
                when event_type = 'page_view' and is_bot then 1
                when event_type = 'page_view' and not is_bot then 0
            end
        ) as is_bot_flag,
        max(occurred_at) as last_interaction_at,
        max(scroll_percent) as max_scroll_percent,
        count(case when event_type = 'cta_click' then 1 end) as n_cta_clicks,
        count(case when event_type = 'video_start' then 1 end) as n_video_starts,
        count(case when event_type = 'video_complete' then 1 end) as n_video_completes,
        count(case when event_type = 'file_download' then 1 end) as n_file_downloads,
        count(case when event_type = 'form_start' then 1 end) as n_form_starts,
        count(case when event_type = 'form_submit' then 1 end) as n_form_submits,
        count(case when event_type = 'outbound_click' then 1 end) as n_outbound_clicks,
        cast(sum(engagement_time_msec) as {{ dbt.type_bigint() }}) as engagement_time_msec
    from indexed
    where page_view_index > 0
    group by session_id, page_view_index
),

page_views as (
    select
        *,
        lead(occurred_at) over (
            partition by session_id order by page_view_index
        ) as next_page_view_at
    from page_view_groups
),

final as (
    select
        page_views.web_event_id as page_view_id,
        page_views.session_id,
        page_views.visitor_id,
        sessions.contact_id,
        page_views.source_system,
        page_views.page_view_index as page_view_in_session,
        page_views.occurred_at as viewed_at,
        page_views.page_url_clean as page_url,
        page_views.page_host,
        page_views.page_path,
        page_views.page_title,
        page_views.referrer_host,
        cast(coalesce(
            {{ dbt.datediff('page_views.occurred_at', 'page_views.next_page_view_at', 'second') }},
            {{ dbt.datediff('page_views.occurred_at', 'page_views.last_interaction_at', 'second') }}
        ) as {{ dbt.type_bigint() }}) as time_on_page_seconds,
        page_views.engagement_time_msec,
        cast(coalesce(page_views.max_scroll_percent, 0) as {{ dbt.type_bigint() }})
            as max_scroll_percent,
        page_views.n_cta_clicks,
        page_views.n_video_starts,
        page_views.n_video_completes,
        page_views.n_file_downloads,
        page_views.n_form_starts,
        page_views.n_form_submits,
        page_views.n_outbound_clicks,
        page_views.is_bot_flag = 1 as is_bot,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from page_views
    left join sessions
        on page_views.session_id = sessions.session_id
)

select * from final
