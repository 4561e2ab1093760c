-- One row per first-touch channel x first-touch campaign x funnel stage, plus subtotals per
-- channel (campaign `(all)`) and the whole funnel (both `(all)`): contacts that reached the
-- stage in order, conversion rates from the previous and the first stage, and the median
-- time from the previous stage (doc block `funnel_stages`).
{%- set levels = [
    {'channel': 'first_touch_channel', 'campaign': 'first_touch_campaign'},
    {'channel': 'first_touch_channel', 'campaign': "'(all)'"},
    {'channel': "'(all)'", 'campaign': "'(all)'"},
] %}

with

funnel as (
    select * from {{ ref('fct_funnel') }}
),

rolled_up as (
    {%- for level in levels %}
        select
            {{ level.channel }} as first_touch_channel,
            {{ level.campaign }} as first_touch_campaign,
            stage_order,
            stage_name,
            count(*) as n_contacts,
            sum(case when is_reached then 1 else 0 end) as n_reached,
            sum(case when is_seen_out_of_order then 1 else 0 end) as n_seen_out_of_order,
            {{ clicktrail.median('seconds_from_previous_stage') }} / 3600.0
                as median_hours_from_previous_stage
        from funnel
        -- a constant level ('(all)') is not a grouping key (PostgreSQL rejects constants there)
        {%- set levels = [level.channel, level.campaign] | reject('equalto', "'(all)'") | list %}
        group by {{ (levels + ['stage_order', 'stage_name']) | join(', ') }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

with_previous as (
    select
        *,
        lag(n_reached) over (
            partition by first_touch_channel, first_touch_campaign
            order by stage_order
        ) as n_reached_previous_stage_lag,
        first_value(n_reached) over (
            partition by first_touch_channel, first_touch_campaign
            order by stage_order
            rows between unbounded preceding and unbounded following
        ) as n_reached_first_stage
    from rolled_up
),

final as (
    select
        {{ dbt.concat([
            "first_touch_channel",
            "'|'",
            "first_touch_campaign",
            "'|'",
            "stage_name",
        ]) }} as funnel_performance_id,
        first_touch_channel,
        first_touch_campaign,
        stage_order,
        stage_name,
        cast(n_contacts as {{ dbt.type_int() }}) as n_contacts,
        cast(n_reached as {{ dbt.type_int() }}) as n_reached,
        cast(
            coalesce(n_reached_previous_stage_lag, n_contacts) as {{ dbt.type_int() }}
        ) as n_reached_previous_stage,
        cast(n_seen_out_of_order as {{ dbt.type_int() }}) as n_seen_out_of_order,
        {{ clicktrail.safe_ratio(
            'n_reached', 'coalesce(n_reached_previous_stage_lag, n_contacts)'
        ) }}
            as conversion_rate_from_previous_stage,
        {{ clicktrail.safe_ratio('n_reached', 'n_reached_first_stage') }}
            as conversion_rate_from_first_stage,
        cast(median_hours_from_previous_stage as {{ clicktrail.type_double() }})
            as median_hours_from_previous_stage
    from with_previous
)

select * from final
