{#- The client address of an IP field, truncated: the first entry of a comma-separated list,
    IPv4 with its last octet zeroed (a.b.c.0), IPv6 cut to its first three groups (/48).
    Null when empty. Portable: split_part only. -#}
{% macro truncate_ip(expr) -%}
    {%- set first_ip = "trim(" ~ dbt.split_part(expr, "','", 1) ~ ")" -%}
    case
        when {{ first_ip }} = '' then null
        when {{ dbt.position("':'", first_ip) }} > 0
            then {{ dbt.concat([
                dbt.split_part(first_ip, "':'", 1), "':'",
                dbt.split_part(first_ip, "':'", 2), "':'",
                dbt.split_part(first_ip, "':'", 3), "'::'",
            ]) }}
        when {{ dbt.position("'.'", first_ip) }} > 0
            then {{ dbt.concat([
                dbt.split_part(first_ip, "'.'", 1), "'.'",
                dbt.split_part(first_ip, "'.'", 2), "'.'",
                dbt.split_part(first_ip, "'.'", 3), "'.0'",
            ]) }}
    end
{%- endmacro %}
