-- One row per email campaign: delivery, engagement with machines kept apart from people,
-- and what followed a human click on the site.
with

email_events as (
    select * from {{ ref('fct_email_events') }}
),

campaigns as (
    select * from {{ ref('stg_esp__campaigns') }}
),

sessions as (
    select * from {{ ref('fct_sessions') }}
    where email_campaign_id is not null
),

{{ clicktrail.email_performance_metrics('email_events', ['campaign_id']) }},

session_outcomes as (
    select
        email_campaign_id as campaign_id,
        cast(count(*) as {{ dbt.type_bigint() }}) as sessions_from_human_clicks,
        cast(sum(n_conversions) as {{ dbt.type_bigint() }}) as conversions_from_human_clicks
    from sessions
    group by email_campaign_id
),

final as (
    select
        metrics.campaign_id,
        campaigns.campaign_name,
        campaigns.esp,
        campaigns.sent_at,
        campaigns.utm_campaign,
        metrics.n_sent,
        metrics.n_delivered,
        metrics.n_bounced,
        metrics.n_hard_bounced,
        metrics.n_soft_bounced,
        metrics.n_dropped,
        metrics.n_unique_opens,
        metrics.n_unique_opens_excluding_machine,
        metrics.n_machine_opens,
        metrics.n_unique_human_clicks,
        metrics.n_unique_unverified_clicks,
        metrics.n_bot_clicks,
        metrics.n_human_clicks,
        metrics.n_unsubscribes,
        metrics.n_spam_complaints,
        metrics.delivery_rate,
        metrics.unique_open_rate_excluding_machine,
        metrics.human_click_rate,
        metrics.human_click_to_open_rate,
        coalesce(session_outcomes.sessions_from_human_clicks, 0) as sessions_from_human_clicks,
        coalesce(session_outcomes.conversions_from_human_clicks, 0)
            as conversions_from_human_clicks
    from metrics
    left join campaigns
        on metrics.campaign_id = campaigns.campaign_id
    left join session_outcomes
        on metrics.campaign_id = session_outcomes.campaign_id
)

select * from final
