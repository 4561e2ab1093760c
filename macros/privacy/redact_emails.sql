{#- Replaces anything that looks like an email address with '<email>' so that quarantined
    raw payloads keep their shape for debugging without carrying addresses. -#}
{% macro redact_emails(expr) -%}
    {{ return(adapter.dispatch('redact_emails', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__redact_emails(expr) -%}
    regexp_replace({{ expr }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+', '<email>', 'g')
{%- endmacro %}

{% macro postgres__redact_emails(expr) -%}
    regexp_replace({{ expr }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+', '<email>', 'g')
{%- endmacro %}

{% macro spark__redact_emails(expr) -%}
    regexp_replace({{ expr }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+', '<email>')
{%- endmacro %}
