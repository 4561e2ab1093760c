{#- Lead-score ledger: no contact earns more from a rule in one cap period than the rule's
    cap (absolute points), and no row earns more than its rule's points. -#}
{% test scoring_points_within_cap(model) %}

with

periods as (
    select
        contact_id,
        rule_id,
        cap_period_index,
        max(cap_points_per_period) as cap_points_per_period,
        sum(abs(points)) as period_points,
        max(case when abs(points) > abs(base_points) then 1 else 0 end) as has_row_over_rule
    from {{ model }}
    group by contact_id, rule_id, cap_period_index
),

final as (
    select * from periods
    where period_points > coalesce(cap_points_per_period, period_points)
        or has_row_over_rule = 1
)

select * from final

{% endtest %}
