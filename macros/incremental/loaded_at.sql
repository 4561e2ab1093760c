{#- The load stamp of this invocation (dbt's run_started_at, UTC, microseconds). Every
    incremental model writes it as `_loaded_at` on each row it inserts or replaces, so a
    downstream model can pick up exactly the rows changed since its own last run. -#}
{% macro loaded_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- A where-clause predicate on an upstream relation's `_loaded_at`: on an incremental run,
    only the upstream rows written after this model's own last load (so a run that failed
    downstream is caught up by the next one); on a full refresh, every row. -#}
{% macro changed_since_last_run(loaded_at_column='_loaded_at') -%}
    {%- if is_incremental() -%}
        {{ loaded_at_column }} > (
            select coalesce(max(_loaded_at), cast('1900-01-01' as {{ dbt.type_timestamp() }}))
            from {{ this }}
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
