{#- Post-hook of an incremental model (delete+insert on its own key) that stamps the rows it
    writes with loaded_at() and, each run, writes again every row still produced for the
    source keys (`key_column`) that changed upstream, and every row of each group
    (`group_column`, e.g. contact_id) it touched. The insert cannot remove rows that are no
    longer produced (an event became ineligible, moved to another contact, or a contact lost
    its last row), so after it this deletes the rows the run did not write whose source key
    changed upstream since the model's previous run, or whose group the run rewrote.
    "Previous run" is the newest stamp older than this run: any row of a key that changed
    before it was rewritten then, so the test never removes a row that is still current.
    Renders nothing unless the model is incremental on this adapter. -#}
{% macro delete_rows_not_rewritten(upstream, key_column, group_column=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where _loaded_at < {{ clicktrail.loaded_at() }}
            and (
                {{ key_column }} in (
                    select changed.{{ key_column }} from {{ upstream }} as changed
                    where changed._loaded_at > (
                        select coalesce(
                            max(previous_run._loaded_at),
                            cast('1900-01-01' as {{ dbt.type_timestamp() }})
                        )
                        from {{ this }} as previous_run
                        where previous_run._loaded_at < {{ clicktrail.loaded_at() }}
                    )
                )
                {%- if group_column %}
                or {{ group_column }} in (
                    select rewritten.{{ group_column }} from {{ this }} as rewritten
                    where rewritten._loaded_at = {{ clicktrail.loaded_at() }}
                )
                {%- endif %}
            )
    {%- endif -%}
{%- endmacro %}
