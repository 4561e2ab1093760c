{#- A contact x day history has no gaps and reaches the model's last day: per contact, one
    row per day from its first day to the last day of the whole model. -#}
{% test scoring_daily_spine_complete(model, date_column, contact_column='contact_id') %}

with

days as (
    select
        {{ contact_column }} as contact_id,
        {{ date_column }} as day_value
    from {{ model }}
),

model_bounds as (
    select max(day_value) as last_day from days
),

per_contact as (
    select
        contact_id,
        min(day_value) as first_day,
        max(day_value) as last_day,
        count(*) as n_days
    from days
    group by contact_id
),

final as (
    select
        per_contact.contact_id,
        per_contact.first_day,
        per_contact.last_day,
        per_contact.n_days
    from per_contact
    cross join model_bounds
    where per_contact.last_day != model_bounds.last_day
        or per_contact.n_days
        != {{ dbt.datediff('per_contact.first_day', 'per_contact.last_day', 'day') }} + 1
)

select * from final

{% endtest %}
