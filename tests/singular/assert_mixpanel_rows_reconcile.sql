-- Nothing lost in Mixpanel staging: every raw line, counted straight from the source, is
-- either a staged event or a quarantined row (reject or removed duplicate).
with

raw_lines as (
    select count(*) as n_rows from {{ source('mixpanel', 'events') }}
),

staged as (
    select count(*) as n_rows from {{ ref('stg_mixpanel__events') }}
),

quarantined as (
    select count(*) as n_rows from {{ ref('stg_mixpanel__events_quarantined') }}
),

final as (
    select
        raw_lines.n_rows as n_raw,
        staged.n_rows as n_staged,
        quarantined.n_rows as n_quarantined,
    from raw_lines
    cross join staged
    cross join quarantined
    where raw_lines.n_rows != staged.n_rows + quarantined.n_rows
)

select * from final
