{#- When a conversion's path has a single touch, every attribution model gives that touch the
    whole credit, so all models agree (attach to the credit column). Also fails when a
    single-touch conversion lacks one of `models`. -#}
{% test attribution_single_touch_models_agree(
    model,
    column_name,
    conversion_column='conversion_id',
    touch_column='touchpoint_id',
    model_column='attribution_model',
    models=['first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay',
            'position_based', 'w_shaped'],
    tolerance=1e-9
) %}

with

single_touch_conversions as (
    select {{ conversion_column }}
    from {{ model }}
    where {{ touch_column }} is not null
    group by {{ conversion_column }}
    having count(distinct {{ touch_column }}) = 1
),

model_credits as (
    select
        credited.{{ conversion_column }},
        count(distinct credited.{{ model_column }}) as n_models,
        min(credited.{{ column_name }}) as min_credit,
        max(credited.{{ column_name }}) as max_credit
    from {{ model }} as credited
    inner join single_touch_conversions
        on credited.{{ conversion_column }}
        = single_touch_conversions.{{ conversion_column }}
    where credited.{{ model_column }} in (
        {%- for attribution_model in models %}
        '{{ attribution_model }}'{{ ',' if not loop.last }}
        {%- endfor %}
    )
    group by credited.{{ conversion_column }}
),

final as (
    select * from model_credits
    where n_models != {{ models | length }}
        or abs(min_credit - 1) > {{ tolerance }}
        or abs(max_credit - 1) > {{ tolerance }}
)

select * from final

{% endtest %}
