{#- Weight of points earned when the contact's decay clock read event_clock, as of a day
    when it reads current_clock: 0.5 ^ (current_clock - event_clock). The clock counts
    half-lives (doc block lead_score_decay); equal clocks give weight 1. -#}
{% macro lead_score_decay_weight(current_clock, event_clock) -%}
    power(
        cast(0.5 as {{ clicktrail.type_double() }}),
        cast({{ current_clock }} - {{ event_clock }} as {{ clicktrail.type_double() }})
    )
{%- endmacro %}
