{#- Window function head: the last non-null value of expr in the frame (follow it with an
    `over (...)` clause). Postgres has no IGNORE NULLS; its variant raises at compile time so
    the option that needs it (campaign-change session splits) is reported, not wrong. -#}
{% macro last_non_null(expr) -%}
    {{ return(adapter.dispatch('last_non_null', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__last_non_null(expr) -%}
    last_value({{ expr }} ignore nulls)
{%- endmacro %}

{% macro spark__last_non_null(expr) -%}
    last_value({{ expr }}, true)
{%- endmacro %}

{% macro postgres__last_non_null(expr) -%}
    {{ exceptions.raise_compiler_error(
        "last_non_null (IGNORE NULLS) is not available on Postgres; "
        ~ "clicktrail__session_split_on_campaign_change needs it") }}
{%- endmacro %}
