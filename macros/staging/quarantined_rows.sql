{#- The body of every stg_*_quarantined model: the rows of a parsed base model that were
    rejected (reject_reason set) or removed as duplicates (occurrence_rank > 1), one row
    each, with a deterministic id. The base model must expose filename, raw_payload,
    reject_reason, occurrence_rank and payload_occurrence. -#}
{% macro quarantined_rows(parsed_relation, source_system, source_table, event_key_column) %}
with

parsed as (
    select * from {{ parsed_relation }}
    where reject_reason is not null
        or occurrence_rank > 1
),

final as (
    {{ clicktrail.quarantine_columns('parsed', source_system, source_table, event_key_column) }}
)

select * from final
{% endmacro %}

{#- The select list of a quarantine model over the quarantined rows in `rows_cte` (columns
    filename, raw_payload, reject_reason, payload_occurrence and the event key), plus
    `extra_columns` of that CTE: used by quarantined_rows, and by a model that renders
    raw_payload itself (GA4). -#}
{% macro quarantine_columns(
    rows_cte, source_system, source_table, event_key_column, extra_columns=[]
) %}
    select
        {{ dbt.hash(dbt.concat([
            "'" ~ source_system ~ "|'", "coalesce(" ~ rows_cte ~ ".filename, '')", "'|'",
            "coalesce(" ~ rows_cte ~ ".raw_payload, '')", "'|'",
            dbt.cast(rows_cte ~ ".payload_occurrence", dbt.type_string()),
        ])) }} as rejected_row_id,
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        coalesce({{ rows_cte }}.reject_reason, 'duplicate') as reject_reason,
        {{ clicktrail.redact_emails(rows_cte ~ '.raw_payload') }} as raw_payload,
        {{ rows_cte }}.filename,
        cast({{ rows_cte }}.{{ event_key_column }} as {{ dbt.type_string() }}) as event_key
        {%- for column in extra_columns %},
        {{ rows_cte }}.{{ column }}
        {%- endfor %}
    from {{ rows_cte }}
{% endmacro %}
