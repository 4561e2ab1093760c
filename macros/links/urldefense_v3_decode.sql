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

{#- Other engines: the body as written ('*' placeholders left in place). -#}
{% macro postgres__urldefense_v3_decode(body_expr, chars_expr) -%}
    {{ body_expr }}
{%- endmacro %}

{% macro spark__urldefense_v3_decode(body_expr, chars_expr) -%}
    {{ body_expr }}
{%- endmacro %}
