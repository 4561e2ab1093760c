{#- Every conversion's credits sum to 1 under every attribution model, within `tolerance`
    (rows grouped by `group_by_columns`; attach to the credit column). -#}
{% test attribution_credits_sum_to_one(
    model,
    column_name,
    group_by_columns=['conversion_id', 'attribution_model'],
    tolerance=1e-9
) %}

with

totals as (
    select
        {{ group_by_columns | join(', ') }},
        sum({{ column_name }}) as total_credit
    from {{ model }}
    group by {{ group_by_columns | join(', ') }}
),

final as (
    select * from totals
    where total_credit is null
        or abs(total_credit - 1) > {{ tolerance }}
)

select * from final

{% endtest %}
