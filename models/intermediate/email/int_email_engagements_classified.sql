{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='email_event_id',
    on_schema_change='fail',
) }}

-- Human or machine: every email open and click keeps its row and gets an engagement_quality
-- (human, machine_open, bot, unverified) with the reason of the first rule that matched.
-- Thresholds are vars (see the doc block `email_engagement_quality`).
-- Incremental: the rules read one row of signals, so a run classifies the rows written to
-- int_email_engagement_signals since its last run (their `_loaded_at` is passed through).
{%- set min_click_s = var('clicktrail__email_min_human_click_seconds') %}
{%- set min_links = var('clicktrail__email_burst_min_links') %}
{%- set link_share = var('clicktrail__email_burst_link_share') %}

with

signals as (
    select * from {{ ref('int_email_engagement_signals') }}
    where {{ clicktrail.changed_since_last_run() }}
),

flags as (
    select
        *,
        coalesce(is_esp_machine_open, false) as has_machine_open_flag,
        user_agent_category = 'proxy_human' as has_human_proxy_user_agent,
        user_agent_bot_name is not null
        and user_agent_category != 'proxy_human' as has_bot_user_agent,
        event_type = 'email_click'
        and (is_honeypot_click or is_in_honeypot_burst) as has_honeypot_signal,
        event_type = 'email_click'
        and seconds_after_delivery < {{ min_click_s }} as has_fast_click_signal,
        event_type = 'email_click'
        and n_clicks_within_proximity >= 1 as has_proximity_signal,
        event_type = 'email_click'
        and n_distinct_links_in_window >= {{ min_links }}
        and n_distinct_links_in_window
        >= {{ link_share }} * coalesce(campaign_link_count, n_distinct_links_in_window)
            as has_all_links_signal
    from signals
),

classified as (
    select
        *,
        case
            when event_type = 'email_open' and has_machine_open_flag then 'esp_machine_open_flag'
            when event_type = 'email_open' and has_human_proxy_user_agent then 'image_proxy_open'
            when has_honeypot_signal then 'honeypot_link'
            when has_bot_user_agent then 'bot_user_agent'
            when has_fast_click_signal then 'click_too_soon_after_delivery'
            when has_proximity_signal then 'proximity_burst'
            when has_all_links_signal then 'all_links_burst'
            when event_type = 'email_open' then 'open'
            when landed_at is null then 'no_landing'
            else 'landing_verified'
        end as classification_reason
    from flags
),

final as (
    select
        email_event_id,
        event_type,
        message_key,
        occurred_at,
        seconds_after_delivery,
        case
            when classification_reason = 'esp_machine_open_flag' then 'machine_open'
            when classification_reason in (
                    'honeypot_link', 'bot_user_agent', 'click_too_soon_after_delivery',
                    'proximity_burst', 'all_links_burst'
                ) then 'bot'
            when classification_reason = 'no_landing' then 'unverified'
            else 'human'
        end as engagement_quality,
        classification_reason,
        (case when has_honeypot_signal then 1 else 0 end)
        + (case when has_bot_user_agent then 1 else 0 end)
        + (case when has_fast_click_signal then 1 else 0 end)
        + (case when has_proximity_signal then 1 else 0 end)
        + (case when has_all_links_signal then 1 else 0 end) as n_bot_signals,
        landed_at,
        _loaded_at
    from classified
)

select * from final
