{#- The params of a GA4 params list whose keys are not in exclude_keys, as a JSON object
    text {"key": value, ...} (string params as JSON strings, numbers as numbers), so that
    params without a column of their own stay available. Null when none is left. -#}
{% macro ga4_params_to_json(params_column, exclude_keys=[]) -%}
    {{ return(adapter.dispatch('ga4_params_to_json', 'clicktrail')(params_column, exclude_keys)) }}
{%- endmacro %}

{% macro default__ga4_params_to_json(params_column, exclude_keys) -%}
    nullif('{' || array_to_string(list_transform(
        list_filter({{ params_column }}, lambda p: p.key is not null
            {%- if exclude_keys %} and p.key not in ('{{ exclude_keys | join("', '") }}'){% endif %}),
        lambda p: to_json(p.key) || ':' || coalesce(
            to_json(p.value.string_value),
            to_json(p.value.int_value),
            to_json(p.value.double_value),
            to_json(p.value.float_value),
            'null'
        )
    ), ',') || '}', '{}')
{%- endmacro %}

{% macro bigquery__ga4_params_to_json(params_column, exclude_keys) -%}
    (select to_json_string(json_object(array_agg(p.key), array_agg(coalesce(
        to_json(p.value.string_value), to_json(p.value.int_value),
        to_json(p.value.double_value), to_json(p.value.float_value)))))
    from unnest({{ params_column }}) as p
    {%- if exclude_keys %} where p.key not in ('{{ exclude_keys | join("', '") }}'){% endif %})
{%- endmacro %}

{% macro spark__ga4_params_to_json(params_column, exclude_keys) -%}
    to_json(map_from_entries(transform(
        filter({{ params_column }}, p -> p.key is not null
            {%- if exclude_keys %} and p.key not in ('{{ exclude_keys | join("', '") }}'){% endif %}),
        p -> struct(p.key, coalesce(p.value.string_value, cast(p.value.int_value as string),
            cast(p.value.double_value as string), cast(p.value.float_value as string))))))
{%- endmacro %}

{#- PostgreSQL: a jsonb object (a repeated key keeps its last value), as text. -#}
{% macro postgres__ga4_params_to_json(params_column, exclude_keys) -%}
    (select nullif(cast(jsonb_object_agg(entry ->> 'key', coalesce(
        entry -> 'value' -> 'string_value',
        entry -> 'value' -> 'int_value',
        entry -> 'value' -> 'double_value',
        entry -> 'value' -> 'float_value',
        'null'::jsonb
    )) as text), '{}')
    from jsonb_array_elements({{ params_column }}) as entry
    where entry ->> 'key' is not null
        {%- if exclude_keys %} and entry ->> 'key' not in ('{{ exclude_keys | join("', '") }}'){% endif %})
{%- endmacro %}
