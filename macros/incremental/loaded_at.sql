{#- The load stamp of this invocation (dbt's run_started_at, UTC, microseconds). Every
    incremental model writes it as `_loaded_at` on each row it inserts or replaces, so a
    downstream model can pick up exactly the rows changed since its own last run. -#}
{% macro loaded_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#- A where-clause predicate on a stamp column (`_loaded_at` by default) that the upstream
    relation and this model share: on an incremental run, only the upstream rows stamped
    after the newest stamp this model holds (so a run that failed downstream is caught up by
    the next one); on a full refresh, every row. A model that passes the stamp through keeps
    the watermark of what it has consumed; one that stamps its own rows with loaded_at()
    (`this_column`) holds a stamp at least as new as anything it consumed. -#}
{% macro changed_since_last_run(loaded_at_column='_loaded_at', this_column=none) -%}
    {%- if is_incremental() -%}
        {{ loaded_at_column }} > (
            select coalesce(
                max(watermark.{{ this_column or loaded_at_column.split('.')[-1] }}),
                cast('1900-01-01' as {{ dbt.type_timestamp() }})
            )
            from {{ this }} as watermark
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- A where-clause predicate: `column` holds an identifier of `identifier_type` whose contact
    changed since this model's last run. Needs a CTE `identity_changes` (the rows of
    int_identity_changes filtered with changed_since_last_run). -#}
{% macro in_changed_identifiers(column, identifier_type) -%}
    {{ column }} in (
        select identity_changes.identifier_value from identity_changes
        where identity_changes.identifier_type = '{{ identifier_type }}'
    )
{%- endmacro %}
