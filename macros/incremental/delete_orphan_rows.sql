{#- Post-hook of an incremental model whose rows belong to keys of a parent relation: deletes
    the rows whose `column` the parent no longer holds in `parent_column` (default the same
    name), which no insert can remove — a contact whose last ledger row went, an opportunity
    gone from the CRM snapshot. `event_stream` limits it to the rows of one stream of an event
    model. Renders nothing unless the model is incremental. -#}
{% macro delete_orphan_rows(parent, column, parent_column=none, event_stream=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ column }} not in (
            select parent_rows.{{ parent_column or column }} from {{ parent }} as parent_rows
            where parent_rows.{{ parent_column or column }} is not null
        )
        {%- if event_stream %}
            and event_stream = '{{ event_stream }}'
        {%- endif %}
    {%- endif -%}
{%- endmacro %}
