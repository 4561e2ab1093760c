{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='web_event_id',
    on_schema_change='fail',
) }}

-- Every deduplicated web event from every web source (GA4, Mixpanel) in one shape, with the
-- event name mapped to clicktrail's web vocabulary (seed web_event_type_map; unknown names
-- pass through as custom events) and bots flagged by user agent (seed bot_user_agents).
-- URLs are passed through raw: int_web_events_sourced parses them.
-- Incremental: a run reads only staged events loaded since its last run (each event's
-- columns depend on the event alone and the seeds; see DECISIONLOG D-013). `_loaded_at` is
-- the staged row's load stamp, passed through.
{%- set web_staged_models = ['stg_ga4__events', 'stg_mixpanel__events'] %}
{%- if var('clicktrail__using_snowplow', false) %}
    {%- do web_staged_models.append('stg_snowplow__events') %}
{%- endif %}
{#- The first three are selected first in `final`, by name. -#}
{%- set event_columns = [
    'web_event_id', 'source_system', 'source_event_name', 'occurred_at', 'event_date',
    'anonymous_id', 'user_id', 'email_sha256', 'source_session_id', 'source_session_number',
    'page_url', 'page_referrer', 'page_title', 'utm_source', 'utm_medium', 'utm_campaign',
    'utm_term', 'utm_content', 'gclid', 'user_agent', 'device_category', 'browser',
    'operating_system', 'country', 'city', 'scroll_percent', 'link_url', 'link_domain',
    'is_outbound', 'file_name', 'file_extension', 'video_title', 'video_percent', 'form_id',
    'form_name', 'form_type', 'cta_name', 'search_term', 'engagement_time_msec',
    'extra_properties', 'filename', 'event_payload_hash', '_loaded_at',
] %}
with

ga4_events as (
    select * from {{ ref('stg_ga4__events') }}
    where {{ clicktrail.changed_since_last_run() }}
),

mixpanel_events as (
    select * from {{ ref('stg_mixpanel__events') }}
    where {{ clicktrail.changed_since_last_run() }}
),
{%- if var('clicktrail__using_snowplow', false) %}

snowplow_events as (
    select * from {{ ref('stg_snowplow__events') }}
    where {{ clicktrail.changed_since_last_run() }}
),
{%- endif %}

web_event_type_map as (
    select
        lower(source_system) as source_system,
        lower(source_event_name) as source_event_name,
        event_type
    from {{ ref('web_event_type_map') }}
),

bot_user_agents as (
    select
        lower(pattern) as pattern,
        bot_name
    from {{ ref('bot_user_agents') }}
    where applies_to in ('web', 'both')
        and category != 'proxy_human'
),

unioned as (
    select {{ event_columns | join(', ') }} from ga4_events
    union all
    select {{ event_columns | join(', ') }} from mixpanel_events
    {%- if var('clicktrail__using_snowplow', false) %}
    union all
    select {{ event_columns | join(', ') }} from snowplow_events
    {%- endif %}
),

-- Each distinct user agent is matched once against the (small) pattern seed; the longest
-- matching pattern names the bot.
-- Reads the staged relations, not `unioned`: a CTE used twice is materialised whole by the
-- engine (DuckDB, Postgres), a copy of every column of every new event.
user_agents as (
    select distinct lower(user_agent) as user_agent_lower
    from (
        {%- for staged in web_staged_models %}
            {%- if not loop.first %}
                union all
            {%- endif %}
            select user_agent from {{ ref(staged) }}
            where {{ clicktrail.changed_since_last_run() }}
        {%- endfor %}
    ) as new_user_agents
    where user_agent is not null
),

user_agent_matches as (
    select
        user_agents.user_agent_lower,
        bot_user_agents.bot_name,
        row_number() over (
            partition by user_agents.user_agent_lower
            order by {{ dbt.length('bot_user_agents.pattern') }} desc, bot_user_agents.pattern
        ) as match_rank
    from user_agents
    inner join bot_user_agents
        on {{ clicktrail.web_text_matches_pattern(
            'user_agents.user_agent_lower', 'bot_user_agents.pattern'
        ) }}
),

user_agent_bots as (
    select
        user_agent_lower,
        bot_name
    from user_agent_matches
    where match_rank = 1
),

classified as (
    select
        unioned.*,
        case
            -- GA4's `click` is an outbound-link click only when its outbound param says so.
            when web_event_type_map.event_type = 'outbound_click'
                and (
                    unioned.is_outbound = false
                    or (unioned.source_system = 'ga4' and unioned.is_outbound is null)
                )
                then 'link_click'
            else coalesce(web_event_type_map.event_type, lower(unioned.source_event_name))
        end as event_type,
        web_event_type_map.event_type is null as is_custom_event,
        user_agent_bots.bot_name is not null as is_bot,
        user_agent_bots.bot_name
    from unioned
    left join web_event_type_map
        on unioned.source_system = web_event_type_map.source_system
            and lower(unioned.source_event_name) = web_event_type_map.source_event_name
    left join user_agent_bots
        on lower(unioned.user_agent) = user_agent_bots.user_agent_lower
),

final as (
    select
        web_event_id,
        source_system,
        source_event_name,
        event_type,
        is_custom_event,
        {%- for column in event_columns[3:] %}
            {{ column }},
        {%- endfor %}
        is_bot,
        bot_name
    from classified
)

select * from final
