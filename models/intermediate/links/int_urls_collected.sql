-- Every distinct URL seen anywhere (email click URLs, web page URLs, referrers), so that
-- each one is parsed once by int_urls_parsed. Filled in as staging models arrive.
with

final as (
    select cast(null as varchar) as url
    where false
)

select * from final
