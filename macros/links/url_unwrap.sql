{#- The real destination behind scanner/ESP link wrappers: url_unwrap_once applied `passes`
    times (nesting such as Safe Links around an ESP redirect), only for values that look
    like a wrapper. Values that are not wrappers come back unchanged. -#}
{% macro url_unwrap(expr, passes=3) -%}
    {{ return(adapter.dispatch('url_unwrap', 'clicktrail')(expr, passes)) }}
{%- endmacro %}

{#- DuckDB: each pass is three one-element list_transforms (wrapper type, candidate, decoded
    destination) so that each is computed once and the SQL grows linearly with `passes`.
    Lambdas get no common-subexpression sharing, though: on large tables, stage the passes
    in CTEs with url_wrapper_type / url_unwrap_candidate / url_decode_embedded (as
    int_urls_parsed does), which is several times faster. -#}
{% macro default__url_unwrap(expr, passes) -%}
    {%- set ns = namespace(sql='[' ~ expr ~ ']') -%}
    {%- for _ in range(passes) -%}
        {%- set ns.sql -%}
            list_transform(
                list_transform(
                    list_transform(
                        {{ ns.sql }},
                        lambda unwrap_url: {
                            'url': unwrap_url,
                            'wrapper_type': {{ clicktrail.url_wrapper_type('unwrap_url') }}
                        }
                    ),
                    lambda unwrap_typed: {
                        'url': unwrap_typed.url,
                        'raw': {{ clicktrail.url_unwrap_candidate(
                            'unwrap_typed.url', wrapper_type_expr='unwrap_typed.wrapper_type'
                        ) }}
                    }
                ),
                lambda unwrap_step: coalesce(
                    {{ clicktrail.url_decode_embedded('unwrap_step.raw') }},
                    unwrap_step.url
                )
            )
        {%- endset -%}
    {%- endfor -%}
    case
        when {{ clicktrail.regex_matches(expr, clicktrail.url_wrapper_patterns().any) }}
            then ({{ ns.sql }})[1]
        else {{ expr }}
    end
{%- endmacro %}

{#- Postgres: two nested sub-selects per pass. `offset 0` keeps the planner from pulling them
    up, which would paste each pass's expression into every reference the next pass makes
    (exponential planning time and memory). -#}
{% macro postgres__url_unwrap(expr, passes) -%}
    {%- set ns = namespace(sql='select ' ~ expr ~ ' as unwrap_url') -%}
    {%- for _ in range(passes) -%}
        {%- set ns.sql -%}
            select
                coalesce(
                    {{ clicktrail.url_decode_embedded('unwrap_step.unwrap_raw') }},
                    unwrap_step.unwrap_url
                ) as unwrap_url
            from (
                select
                    unwrap_pass.unwrap_url,
                    {{ clicktrail.url_unwrap_candidate('unwrap_pass.unwrap_url') }} as unwrap_raw
                from ({{ ns.sql }}) as unwrap_pass
                offset 0
            ) as unwrap_step
            offset 0
        {%- endset -%}
    {%- endfor -%}
    ({{ ns.sql }})
{%- endmacro %}

{#- Spark: two one-element transform() calls per pass. -#}
{% macro spark__url_unwrap(expr, passes) -%}
    {%- set ns = namespace(sql='array(' ~ expr ~ ')') -%}
    {%- for _ in range(passes) -%}
        {%- set ns.sql -%}
            transform(
                transform(
                    {{ ns.sql }},
                    unwrap_url -> named_struct(
                        'url', unwrap_url,
                        'raw', {{ clicktrail.url_unwrap_candidate('unwrap_url') }}
                    )
                ),
                unwrap_step -> coalesce(
                    {{ clicktrail.url_decode_embedded('unwrap_step.raw') }}, unwrap_step.url
                )
            )
        {%- endset -%}
    {%- endfor -%}
    ({{ ns.sql }})[0]
{%- endmacro %}
