{#- A where-clause predicate for a base model reading raw files: on an incremental run,
    only rows from files not loaded yet (the model itself is the manifest of loaded files).
    Raw files are immutable; a changed file needs a new name or a --full-refresh. -#}
{% macro new_files_only(filename_column='filename') -%}
    {%- if is_incremental() -%}
        {{ filename_column }} not in (select distinct filename from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}
