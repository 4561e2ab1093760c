{#- Under `attribution_model_value` (linear by default) every touch of a conversion gets the
    same credit, within `tolerance` (attach to the credit column). -#}
{% test attribution_credits_equal(
    model,
    column_name,
    group_by_column='conversion_id',
    model_column='attribution_model',
    attribution_model_value='linear',
    tolerance=1e-9
) %}

with

spreads as (
    select
        {{ group_by_column }},
        max({{ column_name }}) - min({{ column_name }}) as credit_spread
    from {{ model }}
    where {{ model_column }} = '{{ attribution_model_value }}'
    group by {{ group_by_column }}
),

final as (
    select * from spreads
    where credit_spread > {{ tolerance }}
)

select * from final

{% endtest %}
