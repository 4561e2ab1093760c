{#- The first ad click id present, by the precedence of var clicktrail__click_id_params. -#}
{% macro url_click_id(expr, input='url') -%}
    {{ clicktrail.url_first_param(
        expr, clicktrail.url_settings().click_id_params, input=input, returns='value'
    ) }}
{%- endmacro %}
