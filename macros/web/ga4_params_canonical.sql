{#- A canonical text rendering of a GA4 params list for dedupe hashing: one
    `key <US> <type letter><value>` entry per param, sorted, joined by <RS>. Two exports of
    the same event render identically whatever the param order; a type change (int 1 vs
    string '1') renders differently. Null params render as null. -#}
{% macro ga4_params_canonical(params_column) -%}
    {{ return(adapter.dispatch('ga4_params_canonical', 'clicktrail')(params_column)) }}
{%- endmacro %}

{% macro default__ga4_params_canonical(params_column) -%}
    array_to_string(
        list_sort(list_transform({{ params_column }}, lambda p: p.key || chr(31) || coalesce(
            's' || p.value.string_value,
            'i' || cast(p.value.int_value as varchar),
            'd' || cast(p.value.double_value as varchar),
            'f' || cast(p.value.float_value as varchar),
            'n'
        ))),
        chr(30)
    )
{%- endmacro %}

{% macro bigquery__ga4_params_canonical(params_column) -%}
    (select string_agg(p.key || '=' || to_json_string(p.value), '&' order by p.key,
        to_json_string(p.value)) from unnest({{ params_column }}) as p)
{%- endmacro %}

{% macro spark__ga4_params_canonical(params_column) -%}
    array_join(array_sort(transform({{ params_column }},
        p -> concat(p.key, '=', to_json(p.value)))), '&')
{%- endmacro %}

{% macro postgres__ga4_params_canonical(params_column) -%}
    (select string_agg(param.rendered, chr(30) order by param.rendered)
    from (
        select (entry ->> 'key') || chr(31) || coalesce(
            's' || (entry -> 'value' ->> 'string_value'),
            'i' || (entry -> 'value' ->> 'int_value'),
            'd' || (entry -> 'value' ->> 'double_value'),
            'f' || (entry -> 'value' ->> 'float_value'),
            'n'
        ) as rendered
        from jsonb_array_elements({{ params_column }}) as entry
    ) as param)
{%- endmacro %}
