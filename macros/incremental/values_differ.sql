{#- Null-safe inequality of two SQL expressions (one null and the other not, or both set and
    unequal), portable where IS DISTINCT FROM is not. -#}
{% macro values_differ(left, right) -%}
    (
        ({{ left }} is null and {{ right }} is not null)
        or ({{ left }} is not null and {{ right }} is null)
        or {{ left }} != {{ right }}
    )
{%- endmacro %}
