{#- A host without a leading 'www.', when something with a dot remains ('www.com' stays). -#}
{% macro url_host_strip_www(host_expr) -%}
    case
        when {{ host_expr }} like 'www.%.%' then substring({{ host_expr }}, 5)
        else {{ host_expr }}
    end
{%- endmacro %}
