-- One row per email campaign x UTC day of activity: the campaign performance counts of the
-- events that happened that day (unique counts are unique within the day).
with

email_events as (
    select * from {{ ref('fct_email_events') }}
),

{{ clicktrail.email_performance_metrics('email_events', ['campaign_id', 'event_date']) }},

final as (
    select
        {{ dbt.hash(dbt.concat([
            "coalesce(campaign_id, '')", "'|'", dbt.cast("event_date", dbt.type_string()),
        ])) }} as campaign_day_id,
        *
    from metrics
)

select * from final
