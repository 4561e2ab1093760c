{#- A UTM parameter: name is 'source' or 'utm_source' (utm_id, utm_source, utm_medium,
    utm_campaign, utm_term, utm_content, utm_source_platform). See url_query_param. -#}
{% macro url_utm(expr, name, input='url') -%}
    {%- set key = name if name.startswith('utm_') else 'utm_' ~ name -%}
    {%- if key not in clicktrail.url_settings().utm_params -%}
        {{ exceptions.raise_compiler_error("url_utm: unknown UTM parameter " ~ name) }}
    {%- endif -%}
    {{ clicktrail.url_query_param(expr, key, input=input) }}
{%- endmacro %}
