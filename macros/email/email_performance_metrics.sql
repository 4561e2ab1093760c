{#- A CTE named `metrics` with campaign performance counts and rates, grouped by the given
    columns of an email-events CTE shaped like fct_email_events. Unique counts are per
    message (one recipient x send). Shared by the campaign and campaign x day marts. -#}
{% macro email_performance_metrics(events_cte, group_by) %}
{%- set keys = group_by | join(', ') %}
counts as (
    select
        {{ keys }},
        count(distinct case when event_type = 'email_send' then message_key end) as n_sent,
        count(distinct case when event_type = 'email_delivered' then message_key end)
            as n_delivered,
        count(distinct case when event_type = 'email_bounce' then message_key end) as n_bounced,
        count(
            distinct case
                when event_type = 'email_bounce' and bounce_type = 'hard' then message_key
            end
        ) as n_hard_bounced,
        count(
            distinct case
                when event_type = 'email_bounce' and bounce_type = 'soft' then message_key
            end
        ) as n_soft_bounced,
        count(distinct case when event_type = 'email_dropped' then message_key end) as n_dropped,
        count(distinct case when event_type = 'email_open' then message_key end)
            as n_unique_opens,
        count(
            distinct case
                when event_type = 'email_open' and engagement_quality = 'human' then message_key
            end
        ) as n_unique_opens_excluding_machine,
        count(
            case when event_type = 'email_open' and engagement_quality = 'machine_open' then 1 end
        ) as n_machine_opens,
        count(
            distinct case
                when event_type = 'email_click' and engagement_quality = 'human' then message_key
            end
        ) as n_unique_human_clicks,
        count(
            distinct case
                when event_type = 'email_click' and engagement_quality = 'unverified'
                    then message_key
            end
        ) as n_unique_unverified_clicks,
        count(case when event_type = 'email_click' and engagement_quality = 'bot' then 1 end)
            as n_bot_clicks,
        count(case when event_type = 'email_click' and engagement_quality = 'human' then 1 end)
            as n_human_clicks,
        count(distinct case when event_type = 'email_unsubscribe' then message_key end)
            as n_unsubscribes,
        count(distinct case when event_type = 'email_spam_complaint' then message_key end)
            as n_spam_complaints
    from {{ events_cte }}
    group by {{ keys }}
),

metrics as (
    select
        *,
        {{ clicktrail.safe_ratio('n_delivered', 'n_sent') }} as delivery_rate,
        {{ clicktrail.safe_ratio('n_unique_opens_excluding_machine', 'n_delivered') }}
            as unique_open_rate_excluding_machine,
        {{ clicktrail.safe_ratio('n_unique_human_clicks', 'n_delivered') }} as human_click_rate,
        {{ clicktrail.safe_ratio('n_unique_human_clicks', 'n_unique_opens_excluding_machine') }}
            as human_click_to_open_rate
    from counts
)
{% endmacro %}
