{#- An ISO-8601 text timestamp to a UTC timestamp without zone. A value with a zone
    (Z, +01:00, -0500) is converted to UTC; one without is taken as UTC. Unparseable
    text gives null (never an error), so the caller can quarantine it. -#}
{% macro parse_timestamp_utc(expr) -%}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'clicktrail')(expr)) }}
{%- endmacro %}

{% macro default__parse_timestamp_utc(expr) -%}
    case
        when regexp_matches(trim({{ expr }}), '(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$')
            then timezone('UTC', try_cast(trim({{ expr }}) as timestamptz))
        else try_cast(trim({{ expr }}) as timestamp)
    end
{%- endmacro %}

{#- PostgreSQL also reads words ('yesterday', 'now', 'epoch') and other layouts as
    timestamps: only an ISO-8601 date(-time) is parsed, as on DuckDB. -#}
{% macro postgres__parse_timestamp_utc(expr) -%}
    case
        when not trim({{ expr }}) ~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)' then null
        when trim({{ expr }}) ~ '(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$'
            then ({{ clicktrail.try_cast('trim(' ~ expr ~ ')', 'timestamptz') }} at time zone 'UTC')
        else {{ clicktrail.try_cast('trim(' ~ expr ~ ')', 'timestamp') }}
    end
{%- endmacro %}

{% macro spark__parse_timestamp_utc(expr) -%}
    to_utc_timestamp(try_cast(trim({{ expr }}) as timestamp), 'UTC')
{%- endmacro %}
