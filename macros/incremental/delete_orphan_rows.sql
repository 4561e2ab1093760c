{#- Post-hook of an incremental model keyed by a group (contact_id) of a parent relation:
    deletes the rows of groups the parent no longer holds (a contact whose last ledger row
    went), which no insert can remove. Renders nothing unless the model is incremental. -#}
{% macro delete_orphan_rows(parent, group_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ group_column }} not in (
            select parent_rows.{{ group_column }} from {{ parent }} as parent_rows
            where parent_rows.{{ group_column }} is not null
        )
    {%- endif -%}
{%- endmacro %}
