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
    select
        {{ dbt.hash(dbt.concat([
            "'" ~ source_system ~ "|'", "coalesce(filename, '')", "'|'",
            "coalesce(raw_payload, '')", "'|'",
            dbt.cast("payload_occurrence", dbt.type_string()),
        ])) }} as rejected_row_id,
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        coalesce(reject_reason, 'duplicate') as reject_reason,
        {{ clicktrail.redact_emails('raw_payload') }} as raw_payload,
        filename,
        cast({{ event_key_column }} as {{ dbt.type_string() }}) as event_key,
    from parsed
)

select * from final
{% endmacro %}
