{#- The attribution models fct_attribution computes, in report order. -#}
{% macro attribution_models() -%}
    {{ return([
        'first_touch',
        'last_touch',
        'last_non_direct',
        'linear',
        'time_decay',
        'position_based',
        'w_shaped',
    ]) }}
{%- endmacro %}
