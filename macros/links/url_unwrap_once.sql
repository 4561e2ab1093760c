{#- Peel one wrapper layer off `expr` (see url_wrapper_type); `expr` itself when it is not a
    wrapper or when the destination cannot be recovered (mimecast, a missing parameter).
    Same as url_unwrap(expr, passes=1). -#}
{% macro url_unwrap_once(expr) -%}
    {{ return(clicktrail.url_unwrap(expr, passes=1)) }}
{%- endmacro %}
