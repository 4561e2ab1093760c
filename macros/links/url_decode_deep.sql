{#- Decode repeatedly for double encoding: %2520 -> %20 -> ' '. -#}
{% macro url_decode_deep(expr, passes=2, form=false) -%}
    {{ return(clicktrail.url_decode(expr, form=form, passes=passes)) }}
{%- endmacro %}
