-- One row per attribution model x channel x campaign: the conversions (sum of credit) and
-- conversion value each campaign earns. Touches without a campaign roll up as `(none)`,
-- conversions without a touch in their window as channel and campaign `(unattributed)`.
with

attribution as (
    select * from {{ ref('fct_attribution') }}
),

labelled as (
    select
        attribution_model,
        channel,
        case
            when touchpoint_id is null then '(unattributed)'
            else coalesce(campaign, '(none)')
        end as campaign,
        campaign_id,
        conversion_id,
        touchpoint_id,
        credit,
        attributed_value
    from attribution
),

final as (
    select
        {{ dbt.concat([
            "attribution_model", "'|'", "channel", "'|'", "campaign"
        ]) }} as campaign_attribution_id,
        attribution_model,
        channel,
        campaign,
        min(campaign_id) as campaign_id,
        {{ clicktrail.round_double('sum(credit)', 9) }} as attributed_conversions,
        {{ clicktrail.round_double('sum(attributed_value)', 6) }} as attributed_value,
        cast(
            count(distinct case when credit > 0 then conversion_id end)
            as {{ dbt.type_int() }}
        ) as n_conversions_credited,
        cast(
            count(distinct case when credit > 0 then touchpoint_id end)
            as {{ dbt.type_int() }}
        ) as n_touches_credited
    from labelled
    group by attribution_model, channel, campaign
)

select * from final
