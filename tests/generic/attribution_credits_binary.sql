{#- Single-touch models give a touch all or nothing: under the listed models every credit is
    exactly 0 or 1 (attach to the credit column). -#}
{% test attribution_credits_binary(
    model,
    column_name,
    model_column='attribution_model',
    models=['first_touch', 'last_touch', 'last_non_direct']
) %}

with

final as (
    select * from {{ model }}
    where {{ model_column }} in (
        {%- for attribution_model in models %}
        '{{ attribution_model }}'{{ ',' if not loop.last }}
        {%- endfor %}
    )
        and (
            {{ column_name }} is null
            or {{ column_name }} not in (0, 1)
        )
)

select * from final

{% endtest %}
