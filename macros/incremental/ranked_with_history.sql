{#- CTEs that rank parsed raw rows for deduplication so that an incremental run gives the
    same ranks as a full refresh: rows already loaded that share a dedupe key with the new
    rows are re-ranked together with them (and replaced through the unique key
    `parsed_row_id`). Adds `occurrence_rank` (1 = the kept first occurrence among usable
    rows of a key), `payload_occurrence` (numbering identical payloads within a file),
    `parsed_row_id` and `_loaded_at` (this run's load stamp). `new_rows_cte` must have
    filename, raw_payload, reject_reason and the columns used by `dedupe_key` and
    `rank_order`. Ends with a CTE named `final`. -#}
{% macro ranked_with_history(new_rows_cte, dedupe_key, rank_order) %}
{%- if is_incremental() %}
{%- set history_columns = [] %}
{%- for column in adapter.get_columns_in_relation(this) %}
    {%- if column.name | lower not in ('occurrence_rank', 'payload_occurrence', 'parsed_row_id', '_loaded_at') %}
        {%- do history_columns.append(column.name) %}
    {%- endif %}
{%- endfor %}
new_keys as (
    select distinct {{ dedupe_key }} as dedupe_key from {{ new_rows_cte }}
),

history_affected as (
    select {{ history_columns | join(', ') }}
    from {{ this }}
    where {{ dedupe_key }} in (select dedupe_key from new_keys)
),

candidates as (
    select {{ history_columns | join(', ') }} from {{ new_rows_cte }}
    union all
    select {{ history_columns | join(', ') }} from history_affected
),
{%- else %}
candidates as (
    select * from {{ new_rows_cte }}
),
{%- endif %}

-- Identical payloads in one file are numbered first, so the copy number breaks the tie
-- between them in the rank (otherwise which copy ranks first is arbitrary).
occurrences as (
    select
        *,
        row_number() over (
            partition by filename, raw_payload
            order by {{ rank_order }}
        ) as payload_occurrence
    from candidates
),

ranked as (
    select
        *,
        row_number() over (
            partition by reject_reason is null, {{ dedupe_key }}
            order by {{ rank_order }}, payload_occurrence
        ) as occurrence_rank
    from occurrences
),

final as (
    select
        *,
        {{ dbt.hash(dbt.concat([
            "coalesce(filename, '')", "'|'", "coalesce(raw_payload, '')", "'|'",
            dbt.cast("payload_occurrence", dbt.type_string()),
        ])) }} as parsed_row_id,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from ranked
)
{% endmacro %}
