{#- The parameter name of url_recipient_token's value ('ct_rid', 'mc_eid'...). -#}
{% macro url_recipient_token_type(expr, input='url') -%}
    {{ clicktrail.url_first_param(
        expr, clicktrail.url_settings().recipient_token_params, input=input, returns='key'
    ) }}
{%- endmacro %}
