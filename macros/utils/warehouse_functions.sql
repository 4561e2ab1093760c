{#- Helper functions an engine needs and lacks, created at the start of every invocation
    (on-run-start in dbt_project.yml). DuckDB, Spark and BigQuery have try_cast and JSON
    validation built in: nothing to create there. -#}
{% macro create_warehouse_functions() -%}
    {{ return(adapter.dispatch('create_warehouse_functions', 'clicktrail')()) }}
{%- endmacro %}

{% macro default__create_warehouse_functions() -%}
    select 1 as nothing_to_create
{%- endmacro %}

{#- PostgreSQL has no try_cast (pg_input_is_valid arrives in 16): a cast that yields null on
    bad input is a PL/pgSQL function catching the cast's error. The target type travels as
    a typed null (`cast(null as timestamp)`), so one function serves every type. Also: a
    base64 decode that yields null on bad input (URL Defense v3) and last_non_null, the
    IGNORE NULLS that PostgreSQL's last_value lacks. -#}
{% macro postgres__create_warehouse_functions() -%}
    create schema if not exists {{ clicktrail.warehouse_functions_schema() }};
    create or replace function {{ clicktrail.warehouse_functions_schema() }}.try_cast(
        value text, target anyelement
    ) returns anyelement language plpgsql immutable as $fn$
    begin
        execute format('select cast(%L as %s)', value, pg_typeof(target)) into target;
        return target;
    exception when others then
        return null;
    end
    $fn$;
    {#- URL-safe base64 (padding optional) to UTF-8 text; null when either step fails. -#}
    create or replace function {{ clicktrail.warehouse_functions_schema() }}.try_base64_text(
        value text
    ) returns text language plpgsql immutable as $fn$
    begin
        return convert_from(decode(
            translate(value, '-_', '+/') || repeat('=', (4 - length(value) % 4) % 4), 'base64'
        ), 'UTF8');
    exception when others then
        return null;
    end
    $fn$;
    {#- last_value(x ignore nulls) as an aggregate used as a window function. -#}
    create or replace function {{ clicktrail.warehouse_functions_schema() }}.last_non_null_step(
        state anyelement, value anyelement
    ) returns anyelement language sql immutable as $fn$
        select coalesce(value, state)
    $fn$;
    create or replace aggregate {{ clicktrail.warehouse_functions_schema() }}.last_non_null(
        anyelement
    ) (
        sfunc = {{ clicktrail.warehouse_functions_schema() }}.last_non_null_step,
        stype = anyelement
    );
{%- endmacro %}

{#- The schema holding the helper functions: the target schema. -#}
{% macro warehouse_functions_schema() -%}
    {{ adapter.quote(target.schema) }}
{%- endmacro %}
