{#- sha256 (hex) of the normalised address: the only form of an email past staging. -#}
{% macro hash_email(expr) -%}
    {{ clicktrail.sha256_hex(clicktrail.normalize_email(expr)) }}
{%- endmacro %}
