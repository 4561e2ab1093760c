{#- The calendar date of a UTC timestamp in a named time zone ('UTC', 'Europe/Berlin'). -#}
{% macro to_local_date(utc_timestamp, time_zone) -%}
    {{ return(adapter.dispatch('to_local_date', 'clicktrail')(utc_timestamp, time_zone)) }}
{%- endmacro %}

{% macro default__to_local_date(utc_timestamp, time_zone) -%}
    {%- if time_zone | upper == 'UTC' -%}
        cast({{ utc_timestamp }} as date)
    {%- else -%}
        cast(timezone('{{ time_zone }}', timezone('UTC', {{ utc_timestamp }})) as date)
    {%- endif -%}
{%- endmacro %}

{% macro postgres__to_local_date(utc_timestamp, time_zone) -%}
    cast(({{ utc_timestamp }} at time zone 'UTC') at time zone '{{ time_zone }}' as date)
{%- endmacro %}

{% macro spark__to_local_date(utc_timestamp, time_zone) -%}
    to_date(from_utc_timestamp({{ utc_timestamp }}, '{{ time_zone }}'))
{%- endmacro %}
