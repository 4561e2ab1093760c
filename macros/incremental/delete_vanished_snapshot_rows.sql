{#- Post-hook of an incremental event model (fct_contact_events) holding rows of a snapshot
    read in full (CRM opportunities): deletes the rows of `event_stream` whose
    source_event_id the snapshot no longer holds in `snapshot_key`, as a full refresh would
    not have them. Renders nothing unless the model is incremental. -#}
{% macro delete_vanished_snapshot_rows(snapshot, snapshot_key, event_stream) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where event_stream = '{{ event_stream }}'
            and source_event_id not in (
                select snapshot_rows.{{ snapshot_key }} from {{ snapshot }} as snapshot_rows
                where snapshot_rows.{{ snapshot_key }} is not null
            )
    {%- endif -%}
{%- endmacro %}
