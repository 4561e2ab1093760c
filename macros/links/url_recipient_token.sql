{#- The first ESP recipient token present, by the precedence of
    var clicktrail__recipient_token_params (our own ct_rid first). -#}
{% macro url_recipient_token(expr, input='url') -%}
    {{ clicktrail.url_first_param(
        expr, clicktrail.url_settings().recipient_token_params, input=input, returns='value'
    ) }}
{%- endmacro %}
