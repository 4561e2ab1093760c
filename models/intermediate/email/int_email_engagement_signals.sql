{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='email_event_id',
    on_schema_change='fail',
) }}

-- One row per email open or click with every signal the human-or-machine rules use:
-- time since delivery, user-agent match against the bot list, proximity and all-links
-- bursts on the same message, honeypot bursts and whether the click landed on the site.
-- The rules themselves live in int_email_engagements_classified.
-- Incremental (DECISIONLOG D-015): every signal is computed within one message (deliveries,
-- bursts) or from a click's own landing, so a run recomputes the opens and clicks of each
-- message with an event written to int_email_events_unioned since its last run, or with a
-- click whose recipient token landed on the site in a web event loaded since then.
{%- set window_s = var('clicktrail__email_burst_window_seconds') %}
{%- set proximity_s = var('clicktrail__email_proximity_seconds') %}
{%- set landing_s = var('clicktrail__email_landing_window_minutes') * 60 %}
{%- set honeypot_checks = [] %}
{%- for pattern in var('clicktrail__email_honeypot_url_patterns') %}
    {%- do honeypot_checks.append("destination_url_lower like '" ~ pattern ~ "'") %}
{%- endfor %}
{%- set honeypot_condition = honeypot_checks | join(' or ') %}

with

all_email_events as (
    select * from {{ ref('int_email_events_unioned') }}
),

urls as (
    select * from {{ ref('int_urls_parsed') }}
),
{%- if is_incremental() %}

new_landing_tokens as (
    select distinct page_recipient_token from {{ ref('int_web_events_enriched') }}
    where page_recipient_token is not null
        and {{ clicktrail.changed_since_last_run() }}
),

-- Reads the relations, not the import CTEs: a CTE used more than once is materialised in
-- full (DuckDB, Postgres), which wrote out every email event every night.
affected_messages as (
    select stamped.message_key from {{ ref('int_email_events_unioned') }} as stamped
    where {{ clicktrail.changed_since_last_run('stamped._loaded_at') }}

    union

    select clicks.message_key from {{ ref('int_email_events_unioned') }} as clicks
    inner join {{ ref('int_urls_parsed') }} as click_urls
        on clicks.url = click_urls.url
    where clicks.event_type = 'email_click'
        and click_urls.recipient_token in (
            select new_landing_tokens.page_recipient_token from new_landing_tokens
        )
),
{%- endif %}

email_events as (
    select * from all_email_events
    {%- if is_incremental() %}
    where message_key in (select affected_messages.message_key from affected_messages)
    {%- endif %}
),

bot_user_agents as (
    select * from {{ ref('bot_user_agents') }}
    where applies_to in ('email', 'both')
),

-- Fenced: PostgreSQL otherwise re-evaluates the enriched view once per click inside a
-- nested loop (49 s of a 113 s fixture build; D-032).
web_landings as {{ clicktrail.cte_fence() }} (
    select * from {{ ref('int_web_events_enriched') }}
    where page_recipient_token is not null
),

deliveries as (
    select
        message_key,
        min(case when event_type = 'email_delivered' then occurred_at end) as delivered_at,
        min(case when event_type = 'email_send' then occurred_at end) as sent_at
    from email_events
    group by message_key
),

engagements as (
    select
        email_events.email_event_id,
        email_events.source_system,
        email_events.event_type,
        email_events.message_key,
        email_events.esp_contact_id,
        email_events.email_sha256,
        email_events.campaign_id,
        email_events.campaign_link_count,
        email_events.occurred_at,
        email_events.user_agent,
        email_events.is_esp_machine_open,
        coalesce(deliveries.delivered_at, deliveries.sent_at) as delivered_at,
        urls.destination_url,
        urls.recipient_token,
        lower(coalesce(urls.destination_url, email_events.url)) as destination_url_lower
    from email_events
    left join deliveries
        on email_events.message_key = deliveries.message_key
    left join urls
        on email_events.url = urls.url
    where email_events.event_type in ('email_open', 'email_click')
),

honeypot_flagged as (
    select
        *,
        event_type = 'email_click'
        and ({{ honeypot_condition }}) as is_honeypot_click
    from engagements
),

user_agent_matches as (
    select
        honeypot_flagged.email_event_id,
        min(bot_user_agents.bot_name) as user_agent_bot_name,
        min(bot_user_agents.category) as user_agent_category
    from honeypot_flagged
    inner join bot_user_agents
        on lower(honeypot_flagged.user_agent) like {{ dbt.concat(["'%'", "bot_user_agents.pattern", "'%'"]) }}
    group by honeypot_flagged.email_event_id
),

clicks as (
    select * from honeypot_flagged
    where event_type = 'email_click'
),

-- Other clicks of the same message near each click (a message is one recipient x send).
click_neighbours as (
    select
        clicks.email_event_id,
        count(
            case
                when abs({{ dbt.datediff('clicks.occurred_at', 'other_clicks.occurred_at', 'second') }})
                    <= {{ proximity_s }}
                    and other_clicks.email_event_id != clicks.email_event_id
                    then 1
            end
        ) as n_clicks_within_proximity,
        count(
            distinct case
                when not other_clicks.is_honeypot_click then other_clicks.destination_url_lower
            end
        ) as n_distinct_links_in_window,
        max(case when other_clicks.is_honeypot_click then 1 else 0 end) = 1 as is_in_honeypot_burst
    from clicks
    inner join clicks as other_clicks
        on clicks.message_key = other_clicks.message_key
            and abs({{ dbt.datediff('clicks.occurred_at', 'other_clicks.occurred_at', 'second') }})
            <= {{ window_s }}
    group by clicks.email_event_id
),

landings as (
    select
        clicks.email_event_id,
        min(web_landings.occurred_at) as landed_at
    from clicks
    inner join web_landings
        on clicks.recipient_token = web_landings.page_recipient_token
            and clicks.occurred_at <= web_landings.occurred_at
            and {{ dbt.datediff('clicks.occurred_at', 'web_landings.occurred_at', 'second') }}
            <= {{ landing_s }}
    group by clicks.email_event_id
),

final as (
    select
        honeypot_flagged.email_event_id,
        honeypot_flagged.source_system,
        honeypot_flagged.event_type,
        honeypot_flagged.message_key,
        honeypot_flagged.esp_contact_id,
        honeypot_flagged.email_sha256,
        honeypot_flagged.campaign_id,
        honeypot_flagged.campaign_link_count,
        honeypot_flagged.occurred_at,
        honeypot_flagged.delivered_at,
        cast({{ dbt.datediff(
            'honeypot_flagged.delivered_at', 'honeypot_flagged.occurred_at', 'second'
        ) }} as {{ dbt.type_bigint() }}) as seconds_after_delivery,
        honeypot_flagged.destination_url,
        honeypot_flagged.recipient_token,
        honeypot_flagged.is_esp_machine_open,
        honeypot_flagged.is_honeypot_click,
        user_agent_matches.user_agent_bot_name,
        user_agent_matches.user_agent_category,
        coalesce(click_neighbours.n_clicks_within_proximity, 0) as n_clicks_within_proximity,
        coalesce(click_neighbours.n_distinct_links_in_window, 0) as n_distinct_links_in_window,
        coalesce(click_neighbours.is_in_honeypot_burst, false) as is_in_honeypot_burst,
        landings.landed_at,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from honeypot_flagged
    left join user_agent_matches
        on honeypot_flagged.email_event_id = user_agent_matches.email_event_id
    left join click_neighbours
        on honeypot_flagged.email_event_id = click_neighbours.email_event_id
    left join landings
        on honeypot_flagged.email_event_id = landings.email_event_id
)

select * from final
