{#- Proofpoint URL Defense v3 (urldefense.com/v3/__<url>__;<chars>!!...): in <url> each '*'
    stands for one character and '**X' for a run of 2..65 characters (X in A-Z a-z 0-9 - _),
    taken in order from <chars>, the URL-safe base64 of the replaced characters.
    body_expr is <url>, chars_expr is <chars>. When decoding fails the body is returned. -#}
{% macro urldefense_v3_decode(body_expr, chars_expr) -%}
    {{ return(adapter.dispatch('urldefense_v3_decode', 'clicktrail')(body_expr, chars_expr)) }}
{%- endmacro %}

{% macro default__urldefense_v3_decode(body_expr, chars_expr) -%}
    {%- set run_lengths = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' -%}
    {#- runs expanded to single stars, then split on the stars -#}
    {%- set parts -%}
        string_split(
            array_to_string(
                list_transform(
                    regexp_extract_all({{ body_expr }}, '[*][*].|[*]|[^*]+'),
                    lambda v3_token: case
                        when v3_token like '**_'
                            then repeat(
                                '*', strpos('{{ run_lengths }}', substring(v3_token, 3, 1)) + 1
                            )
                        else v3_token
                    end
                ),
                ''
            ),
            '*'
        )
    {%- endset -%}
    {%- set characters -%}
        string_split(
            decode(from_base64(
                translate({{ chars_expr }}, '-_', '+/')
                || repeat('=', (4 - length({{ chars_expr }}) % 4) % 4)
            )),
            ''
        )
    {%- endset -%}
    case
        when strpos({{ body_expr }}, '*') = 0 then {{ body_expr }}
        else coalesce(
            try(array_to_string(
                list_transform(
                    range(1, len({{ parts }}) + 1),
                    lambda v3_index: {{ parts }}[v3_index]
                    || coalesce(({{ characters }})[v3_index], '')
                ),
                ''
            )),
            {{ body_expr }}
        )
    end
{%- endmacro %}

{#- PostgreSQL: the same steps with regexp_matches / string_to_array; the base64 decode is
    try_base64_text (create_warehouse_functions), null on bad input, so the body is kept. -#}
{% macro postgres__urldefense_v3_decode(body_expr, chars_expr) -%}
    {%- set run_lengths = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_' -%}
    case
        when strpos({{ body_expr }}, '*') = 0 then {{ body_expr }}
        else coalesce((
            select string_agg(v3_part.piece || coalesce(v3_char.ch, ''), '' order by v3_part.idx)
            from unnest(string_to_array((
                select string_agg(
                    case
                        when v3_token.token[1] like '**_'
                            then repeat(
                                '*',
                                strpos('{{ run_lengths }}', substring(v3_token.token[1], 3, 1)) + 1
                            )
                        else v3_token.token[1]
                    end,
                    '' order by v3_token.position
                )
                from regexp_matches({{ body_expr }}, '[*][*].|[*]|[^*]+', 'g')
                    with ordinality as v3_token (token, position)
            ), '*')) with ordinality as v3_part (piece, idx)
            left join unnest(regexp_split_to_array(
                {{ clicktrail.warehouse_functions_schema() }}.try_base64_text({{ chars_expr }}), ''
            )) with ordinality as v3_char (ch, idx)
                on v3_part.idx = v3_char.idx
            where {{ clicktrail.warehouse_functions_schema() }}.try_base64_text({{ chars_expr }})
                is not null
            having count(*) > 0
        ), {{ body_expr }})
    end
{%- endmacro %}

{#- Other engines: the body as written ('*' placeholders left in place). -#}

{% macro spark__urldefense_v3_decode(body_expr, chars_expr) -%}
    {{ body_expr }}
{%- endmacro %}
