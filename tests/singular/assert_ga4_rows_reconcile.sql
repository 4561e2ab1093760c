-- Nothing lost in GA4 staging: every raw export row, counted straight from the source, is
-- either a staged event or a quarantined row (reject or removed duplicate).
with

raw_rows as (
    select count(*) as n_rows from {{ source('ga4', 'events') }}
),

staged as (
    select count(*) as n_rows from {{ ref('stg_ga4__events') }}
),

quarantined as (
    select count(*) as n_rows from {{ ref('stg_ga4__events_quarantined') }}
),

final as (
    select
        raw_rows.n_rows as n_raw,
        staged.n_rows as n_staged,
        quarantined.n_rows as n_quarantined,
    from raw_rows
    cross join staged
    cross join quarantined
    where raw_rows.n_rows != staged.n_rows + quarantined.n_rows
)

select * from final
