{#- One GA4 event parameter from a BigQuery-export params list (event_params or
    user_properties: a list of {key, value {string_value, int_value, float_value,
    double_value}}), picked by key and typed by value_type:
      'string' -> string_value
      'int'    -> int_value, else a whole-number string_value, else a rounded double/float
      'float' / 'double' -> double_value, float_value, int_value, else a numeric string
      'any'    -> whichever value is set, as text (string, int, double, float)
    Null when the key is absent; the first entry wins when a key repeats. -#}
{% macro ga4_param(params_column, key, value_type='string') -%}
    {{ return(adapter.dispatch('ga4_param', 'clicktrail')(params_column, key, value_type)) }}
{%- endmacro %}

{#- DuckDB: the keys list is built by the same expression for every lookup, so DuckDB's
    common-subexpression elimination builds it once per row; list_position is then a plain
    scan. Measured fastest of list_filter per key, MAP lookups and unnest + pivot. -#}
{% macro default__ga4_param(params_column, key, value_type) -%}
    {{ clicktrail.ga4_param_value(
        '(' ~ params_column ~ '[list_position(list_transform(' ~ params_column
        ~ ", lambda p: p.key), '" ~ key ~ "')]).value",
        value_type
    ) }}
{%- endmacro %}

{% macro bigquery__ga4_param(params_column, key, value_type) -%}
    (select {{ clicktrail.ga4_param_value('p.value', value_type) }}
    from unnest({{ params_column }}) as p where p.key = '{{ key }}' limit 1)
{%- endmacro %}

{% macro spark__ga4_param(params_column, key, value_type) -%}
    {{ clicktrail.ga4_param_value(
        'filter(' ~ params_column ~ ", p -> p.key = '" ~ key ~ "')[0].value",
        value_type
    ) }}
{%- endmacro %}

{#- PostgreSQL: the params list is jsonb (an array of {key, value}); the first entry of the
    key, by its position in the array. -#}
{% macro postgres__ga4_param(params_column, key, value_type) -%}
    (select {{ clicktrail.ga4_param_value('param.entry -> \'value\'', value_type) }}
    from jsonb_array_elements({{ params_column }}) with ordinality as param (entry, position)
    where param.entry ->> 'key' = '{{ key }}'
    order by param.position limit 1)
{%- endmacro %}
