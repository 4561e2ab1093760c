{#- A URL carried as a parameter value (raw, undecoded), by how it was encoded: kept as
    written when it starts 'http(s)://' (not encoded: decoding it would corrupt its own
    %-escapes), decoded once for 'https%3A...', twice for 'https%253A...'. Null when the
    value is not an http(s) URL. Decoding is percent-only: a '+' inside belongs to the
    destination's own query and stays. -#}
{% macro url_decode_embedded(raw_expr) -%}
    case
        when {{ clicktrail.regex_matches(raw_expr, '(?i)^https?://') }} then {{ raw_expr }}
        when {{ clicktrail.regex_matches(raw_expr, '(?i)^https?%3a') }}
            then {{ clicktrail.url_decode(raw_expr) }}
        when {{ clicktrail.regex_matches(raw_expr, '(?i)^https?%253a') }}
            then {{ clicktrail.url_decode(raw_expr, passes=2) }}
    end
{%- endmacro %}
