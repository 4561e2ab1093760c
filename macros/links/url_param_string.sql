{#- The parameter string that parameter lookups read. The query when the URL has one;
    otherwise, when there is no '?' before the '#', parameters carried in the fragment:
    the text after the fragment's first '?' ('#/signup?utm_source=x', hash-routed pages) or
    the whole fragment when it holds a '=' ('#utm_source=x'). Parameters after '#' are
    ignored when the URL has a real query. Pass query_expr (an already extracted
    url_query) to avoid extracting the query twice. -#}
{% macro url_param_string(expr, query_expr=none) -%}
    {%- set query = query_expr if query_expr is not none else clicktrail.url_query(expr) -%}
    case
        when {{ query }} is not null then {{ query }}
        else {{ clicktrail.regex_extract(expr, '^[^?#]*#(?:[^?]*[?])?(.*=.*)$') }}
    end
{%- endmacro %}
