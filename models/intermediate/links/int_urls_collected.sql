{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='url',
    on_schema_change='fail',
) }}

-- Every distinct URL seen anywhere (email click URLs, web page URLs and referrers), so that
-- each one is parsed once by int_urls_parsed. Incremental: a run adds the URLs of email and
-- web events written upstream since its last run that it does not hold yet.
with

-- Only the URL columns (`web_events` is read twice, so the engine materialises it).
email_events as (
    select url from {{ ref('int_email_events_unioned') }}
    where {{ clicktrail.changed_since_last_run() }}
),

web_events as (
    select
        page_url,
        page_referrer
    from {{ ref('int_web_events_unioned') }}
    where {{ clicktrail.changed_since_last_run() }}
),

all_urls as (
    select url from email_events
    union
    select page_url as url from web_events
    union
    select page_referrer as url from web_events
),

final as (
    select
        url,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from all_urls
    where url is not null
    {%- if is_incremental() %}
        and url not in (select loaded.url from {{ this }} as loaded)
    {%- endif %}
)

select * from final
