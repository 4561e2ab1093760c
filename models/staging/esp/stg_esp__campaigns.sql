-- One row per campaign (any ESP), typed; the latest definition of an id wins.
with

parsed as (
    select * from {{ ref('base_esp__campaigns_parsed') }}
    where reject_reason is null
        and occurrence_rank = 1
),

final as (
    select
        campaign_id,
        campaign_name,
        esp,
        subject,
        sent_at,
        list_name,
        utm_campaign,
        link_count
    from parsed
)

select * from final
