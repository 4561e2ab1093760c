{#- numerator / denominator as a double, null when the denominator is 0 or null. -#}
{% macro safe_ratio(numerator, denominator) -%}
    cast({{ numerator }} as {{ clicktrail.type_double() }})
    / nullif(cast({{ denominator }} as {{ clicktrail.type_double() }}), 0)
{%- endmacro %}
