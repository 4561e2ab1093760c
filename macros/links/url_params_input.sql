{#- The parameter string for the `input` argument of the parameter macros. -#}
{% macro url_params_input(expr, input) -%}
    {%- if input == 'query' -%}
        {{ return(expr) }}
    {%- elif input == 'url' -%}
        {{ return(clicktrail.url_param_string(expr)) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("input must be 'url' or 'query', got " ~ input) }}
    {%- endif -%}
{%- endmacro %}
