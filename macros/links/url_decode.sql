{#- Safe percent-decoding, `passes` times. Only %XX runs that form well-formed UTF-8 are
    decoded; anything else (%zz, a trailing %, %FF, a lone lead byte, %00) is left as written,
    so no input errors and no input becomes null. form=true also turns '+' into a space
    (before decoding, so %2B stays a plus): use it for query-string values, never for paths. -#}
{% macro url_decode(expr, form=false, passes=1) -%}
    {{ return(adapter.dispatch('url_decode', 'clicktrail')(expr, form, passes)) }}
{%- endmacro %}

{#- DuckDB. No '%': nothing to decode. Fast path: the engine's url_decode (lenient with
    %zz and a trailing % already) under try(), which fails only on invalid UTF-8; %00 is
    re-escaped first so that it stays as written. Slow path, for the failing rows only:
    split into well-formed %-runs and other text, decode the runs. `expr` is written four
    times (DuckDB shares common subexpressions) and each pass nests linearly. -#}
{% macro default__url_decode(expr, form, passes) -%}
    {%- set value = dbt.replace(expr, "'+'", "' '") if form else expr -%}
    {%- set ns = namespace(fast=value, slow=value) -%}
    {%- for _ in range(passes) -%}
        {%- set ns.fast = "url_decode(replace(" ~ ns.fast ~ ", '%00', '%2500'))" -%}
        {%- set ns.slow -%}
            array_to_string(
                list_transform(
                    regexp_extract_all(
                        {{ ns.slow }},
                        '(?i)(?:{{ clicktrail.url_percent_run_regex() }})+|[^%]+|%'
                    ),
                    lambda decode_token: case
                        when decode_token != '%' and starts_with(decode_token, '%')
                            then url_decode(decode_token)
                        else decode_token
                    end
                ),
                ''
            )
        {%- endset -%}
    {%- endfor -%}
    case
        when strpos({{ value }}, '%') = 0 then {{ value }}
        when try({{ ns.fast }}) is not null then try({{ ns.fast }})
        else {{ ns.slow }}
    end
{%- endmacro %}

{#- Postgres: tokenise, decode the well-formed runs with convert_from(decode(hex)). -#}
{% macro postgres__url_decode(expr, form, passes) -%}
    {%- set ns = namespace(sql=(dbt.replace(expr, "'+'", "' '") if form else expr)) -%}
    {%- set run = clicktrail.url_percent_run_regex() -%}
    {%- for _ in range(passes) -%}
        {%- set ns.sql -%}
            (
                select
                    string_agg(
                        case
                            when pct.token[1] ~* '^(?:{{ run }})+$'
                                then convert_from(
                                    decode(replace(pct.token[1], '%', ''), 'hex'), 'UTF8'
                                )
                            else pct.token[1]
                        end,
                        '' order by pct.token_position
                    )
                from regexp_matches(
                    {{ ns.sql }}, '(?:{{ run }})+|[^%]+|%', 'gi'
                ) with ordinality as pct (token, token_position)
            )
        {%- endset -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}

{#- Spark 3.4+: escape stray '%' (and '+' unless form encoding) so that url_decode cannot
    throw. Invalid UTF-8 becomes U+FFFD here instead of staying as written. -#}
{% macro spark__url_decode(expr, form, passes) -%}
    {%- set ns = namespace(sql=expr) -%}
    {%- for _ in range(passes) -%}
        {%- set escaped = "regexp_replace(" ~ ns.sql ~ ", '%(?![0-9a-fA-F]{2})', '%25')" -%}
        {%- if not (form and loop.first) -%}
            {%- set escaped = "replace(" ~ escaped ~ ", '+', '%2B')" -%}
        {%- endif -%}
        {%- set ns.sql = 'url_decode(' ~ escaped ~ ')' -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
