-- Every distinct URL seen anywhere (email click URLs, web page URLs and referrers), so that
-- each one is parsed once by int_urls_parsed.
with

email_events as (
    select * from {{ ref('int_email_events_unioned') }}
),

web_events as (
    select * from {{ ref('int_web_events_unioned') }}
),

all_urls as (
    select url from email_events
    union
    select page_url as url from web_events
    union
    select page_referrer as url from web_events
),

final as (
    select url from all_urls
    where url is not null
)

select * from final
