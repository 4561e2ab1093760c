{#- Nothing lost: the rows of a raw source equal the rows of its staged model plus the rows
    of its quarantine. Attach to the stg_ model; `source_relation` is the raw table. -#}
{% test rows_reconcile(model, quarantined, source_relation) %}

with

raw_rows as (
    select count(*) as n_rows from {{ source_relation }}
),

staged as (
    select count(*) as n_rows from {{ model }}
),

quarantined as (
    select count(*) as n_rows from {{ quarantined }}
),

final as (
    select
        raw_rows.n_rows as n_raw,
        staged.n_rows as n_staged,
        quarantined.n_rows as n_quarantined
    from raw_rows
    cross join staged
    cross join quarantined
    where raw_rows.n_rows != staged.n_rows + quarantined.n_rows
)

select * from final

{% endtest %}
