{#- Unix epoch seconds (integer, float or their text) to a UTC timestamp without zone;
    null when the value does not parse as a number. -#}
{% macro epoch_to_timestamp(seconds_expr) -%}
    {{ return(adapter.dispatch('epoch_to_timestamp', 'clicktrail')(seconds_expr)) }}
{%- endmacro %}

{% macro default__epoch_to_timestamp(seconds_expr) -%}
    make_timestamp(cast(round(try_cast({{ seconds_expr }} as double) * 1000000) as bigint))
{%- endmacro %}

{% macro postgres__epoch_to_timestamp(seconds_expr) -%}
    (to_timestamp(
        round({{ clicktrail.try_cast(seconds_expr, 'double precision') }} * 1000000) / 1000000
    ) at time zone 'UTC')
{%- endmacro %}

{% macro spark__epoch_to_timestamp(seconds_expr) -%}
    timestamp_micros(cast(round(try_cast({{ seconds_expr }} as double) * 1000000) as bigint))
{%- endmacro %}
