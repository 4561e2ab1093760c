{#- Under `attribution_model_value` (time decay by default) a touch never earns less than an
    earlier touch of the same conversion: credit is non-decreasing in `order_by` (attach to
    the credit column). -#}
{% test attribution_credits_monotonic(
    model,
    column_name,
    partition_by='conversion_id',
    order_by=['touched_at', 'touchpoint_id'],
    model_column='attribution_model',
    attribution_model_value='time_decay',
    tolerance=1e-9
) %}

with

ordered as (
    select
        *,
        lag({{ column_name }}) over (
            partition by {{ partition_by }}
            order by {{ order_by | join(', ') }}
        ) as previous_credit
    from {{ model }}
    where {{ model_column }} = '{{ attribution_model_value }}'
),

final as (
    select * from ordered
    where {{ column_name }} < previous_credit - {{ tolerance }}
)

select * from final

{% endtest %}
