{#- The parameter name of url_click_id's value ('gclid', 'fbclid'...), null when none. -#}
{% macro url_click_id_type(expr, input='url') -%}
    {{ clicktrail.url_first_param(
        expr, clicktrail.url_settings().click_id_params, input=input, returns='key'
    ) }}
{%- endmacro %}
