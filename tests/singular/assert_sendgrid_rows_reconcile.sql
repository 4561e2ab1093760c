-- Nothing lost in SendGrid staging: every raw record (a line, or each element of a line that
-- holds a JSON array POST body), counted straight from the source, is either staged or
-- quarantined.
with

raw_lines as (
    select raw_line from {{ source('sendgrid', 'events') }}
),

raw_records as (
    select
        sum(
            case
                when raw_line is not null
                    and {{ clicktrail.json_is_valid('raw_line') }}
                    and {{ clicktrail.json_kind('raw_line') }} = 'array'
                    then {{ clicktrail.json_array_length('raw_line') }}
                else 1
            end
        ) as n_rows
    from raw_lines
),

staged as (
    select count(*) as n_rows from {{ ref('stg_sendgrid__events') }}
),

quarantined as (
    select count(*) as n_rows from {{ ref('stg_sendgrid__events_quarantined') }}
),

final as (
    select
        raw_records.n_rows as n_raw,
        staged.n_rows as n_staged,
        quarantined.n_rows as n_quarantined
    from raw_records
    cross join staged
    cross join quarantined
    where raw_records.n_rows != staged.n_rows + quarantined.n_rows
)

select * from final
