{#- `expr` without tracking parameters, for grouping pages: utm_* (any key starting utm_),
    the click ids, the recipient tokens and var clicktrail__extra_tracking_params (gad_source,
    _gl, mc_cid...). Other parameters keep their order and encoding; the '?' goes when none
    is left; the fragment goes unless keep_fragment. input='query': `expr` is a query string
    and the cleaned query string (null when empty) is returned. -#}
{% macro url_strip_tracking(expr, input='url', keep_fragment=false) -%}
    {%- set settings = clicktrail.url_settings() -%}
    {%- set keys = 'utm_[a-z0-9_]*|' ~ clicktrail.url_param_key_regex(
        settings.click_id_params + settings.recipient_token_params
        + settings.extra_tracking_params
    ) -%}
    {%- set query = expr if input == 'query' else clicktrail.url_query(expr) -%}
    {#- '&&' between parameters lets adjacent tracking parameters each match '&key=...&' -#}
    {%- set cleaned -%}
        nullif({{ clicktrail.regex_replace(
            clicktrail.regex_replace(
                clicktrail.regex_replace(
                    "'&' || " ~ dbt.replace(query, "'&'", "'&&'") ~ " || '&'",
                    '(?i)&(?:' ~ keys ~ ')(?:=[^&]*)?&',
                    ''
                ),
                '&+',
                '&'
            ),
            '^&|&$',
            ''
        ) }}, '')
    {%- endset -%}
    {%- set rebuilt = clicktrail.regex_extract(expr, '^([^?#]+)')
        ~ " || coalesce('?' || " ~ cleaned ~ ", '')" -%}
    {%- if keep_fragment -%}
        {%- set rebuilt = rebuilt
            ~ " || coalesce('#' || " ~ clicktrail.url_fragment(expr) ~ ", '')" -%}
    {%- endif -%}
    {{ cleaned if input == 'query' else rebuilt }}
{%- endmacro %}
