{{ config(
    materialized='incremental',
    incremental_strategy=clicktrail.incremental_strategy(),
    unique_key='url',
    on_schema_change='fail',
) }}

-- One row per distinct URL seen anywhere: the real destination behind scanner and ESP
-- wrappers, its parts, campaign (UTM) parameters, ad click id and ESP recipient token.
-- Each stage reads the previous one's columns, so every regex runs once per URL.
-- Incremental: a run parses only the URLs collected since its last run.

with

urls_collected as (
    select * from {{ ref('int_urls_collected') }}
),

distinct_urls as (
    select distinct url
    from urls_collected
    where url is not null
        and {{ clicktrail.changed_since_last_run() }}
),

-- Unwrapping in 3 passes (nested wrappers: Safe Links around an ESP redirect takes 2),
-- staged: each pass reads the previous pass's columns, so the wrapper type, the candidate
-- destination and its decoding are computed once per URL. url_unwrap() does the same
-- inline, but DuckDB lambdas share no subexpressions and are several times slower.
unwrap_pass_0 as (
    select
        url,
        {{ url_wrapper_type('url') }} as wrapper_type,
        url as destination_url_0
    from distinct_urls
),

unwrap_pass_1_candidates as (
    select
        *,
        {{ url_unwrap_candidate(
            'destination_url_0', wrapper_type_expr='wrapper_type'
        ) }} as unwrap_candidate_1
    from unwrap_pass_0
),

unwrap_pass_1 as {{ clicktrail.cte_fence() }} (
    select
        *,
        coalesce(
            {{ url_decode_embedded('unwrap_candidate_1') }}, destination_url_0
        ) as destination_url_1
    from unwrap_pass_1_candidates
),

unwrap_pass_2_candidates as (
    select
        *,
        {{ url_unwrap_candidate('destination_url_1') }} as unwrap_candidate_2
    from unwrap_pass_1
),

unwrap_pass_2 as {{ clicktrail.cte_fence() }} (
    select
        *,
        coalesce(
            {{ url_decode_embedded('unwrap_candidate_2') }}, destination_url_1
        ) as destination_url_2
    from unwrap_pass_2_candidates
),

unwrap_pass_3_candidates as (
    select
        *,
        {{ url_unwrap_candidate('destination_url_2') }} as unwrap_candidate_3
    from unwrap_pass_2
),

unwrap_pass_3 as {{ clicktrail.cte_fence() }} (
    select
        *,
        coalesce(
            {{ url_decode_embedded('unwrap_candidate_3') }}, destination_url_2
        ) as destination_url_3
    from unwrap_pass_3_candidates
),

unwrapped as (
    select
        url,
        wrapper_type,
        destination_url_3 as destination_url
    from unwrap_pass_3
),

split_urls as {{ clicktrail.cte_fence() }} (
    select
        url,
        wrapper_type,
        destination_url,
        {{ url_wrapper_type('destination_url') }} is not null as is_destination_opaque,
        {{ url_is_parseable('destination_url') }} as is_parseable,
        {{ url_scheme('destination_url') }} as url_scheme,
        {{ url_host('destination_url') }} as url_host,
        {{ url_path('destination_url') }} as url_path_raw,
        {{ url_query('destination_url') }} as url_query,
        {{ url_fragment('destination_url') }} as url_fragment
    from unwrapped
),

param_strings as {{ clicktrail.cte_fence() }} (
    select
        *,
        {{ url_param_string('destination_url', query_expr='url_query') }} as param_string
    from split_urls
),

url_params as (
    select
        *,
        {{ url_utm('param_string', 'id', input='query') }} as utm_id,
        {{ url_utm('param_string', 'source', input='query') }} as utm_source,
        {{ url_utm('param_string', 'medium', input='query') }} as utm_medium,
        {{ url_utm('param_string', 'campaign', input='query') }} as utm_campaign,
        {{ url_utm('param_string', 'term', input='query') }} as utm_term,
        {{ url_utm('param_string', 'content', input='query') }} as utm_content,
        {{ url_utm('param_string', 'source_platform', input='query') }} as utm_source_platform,
        {{ url_click_id('param_string', input='query') }} as click_id,
        {{ url_click_id_type('param_string', input='query') }} as click_id_type,
        {{ url_recipient_token('param_string', input='query') }} as recipient_token,
        {{ url_recipient_token_type('param_string', input='query') }} as recipient_token_type,
        {{ url_strip_tracking('url_query', input='query') }} as url_query_clean
    from param_strings
),

final as (
    select
        url,
        destination_url,
        wrapper_type is not null as was_wrapped,
        wrapper_type,
        is_destination_opaque,
        is_parseable,
        url_scheme,
        -- host and path only for real http(s) URLs; parameters are read from any value
        case when is_parseable then url_host end as url_host,
        case when is_parseable then {{ url_host_strip_www('url_host') }} end as url_host_no_www,
        case when is_parseable then {{ url_decode('url_path_raw') }} end as url_path,
        url_query,
        url_fragment,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_term,
        utm_content,
        utm_id,
        utm_source_platform,
        click_id,
        click_id_type,
        recipient_token,
        recipient_token_type,
        case
            when is_parseable
                then
                    url_scheme || '://' || url_host || url_path_raw
                    || coalesce('?' || url_query_clean, '')
        end as page_url_clean,
        {{ clicktrail.loaded_at() }} as _loaded_at
    from url_params
)

select * from final
