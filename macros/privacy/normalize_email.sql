{#- An email address trimmed and lowercased; null when empty or without an @. -#}
{% macro normalize_email(expr) -%}
    case
        when {{ dbt.position("'@'", "trim(" ~ expr ~ ")") }} > 1
            then lower(trim({{ expr }}))
    end
{%- endmacro %}
