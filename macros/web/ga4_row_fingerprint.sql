{#- A cheap fingerprint of a whole GA4 export row (a row-valued expression, see
    ga4_row_struct): orders rows that share a dedupe key without serialising them.
    Deterministic for a given engine version; rows with equal fingerprints in one file are
    treated as identical copies. -#}
{% macro ga4_row_fingerprint(row_expr) -%}
    {{ return(adapter.dispatch('ga4_row_fingerprint', 'clicktrail')(row_expr)) }}
{%- endmacro %}

{#- DuckDB: the native 64-bit hash of the nested value (no text rendering: ~10x cheaper than
    md5 of its JSON). -#}
{% macro default__ga4_row_fingerprint(row_expr) -%}
    hash({{ row_expr }})
{%- endmacro %}

{% macro bigquery__ga4_row_fingerprint(row_expr) -%}
    farm_fingerprint(to_json_string({{ row_expr }}))
{%- endmacro %}

{% macro spark__ga4_row_fingerprint(row_expr) -%}
    xxhash64({{ row_expr }})
{%- endmacro %}

{% macro postgres__ga4_row_fingerprint(row_expr) -%}
    hashtextextended(cast({{ row_expr }} as text), 0)
{%- endmacro %}
