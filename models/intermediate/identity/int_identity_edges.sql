-- Every place two identifiers of one person meet, with its evidence and when it was seen.
-- Nodes are typed: crm:<crm id>, esp:<esp contact id>, email:<sha256>, user:<user id>,
-- anon:<source>:<anonymous id>. Bot clicks and bot web events never create edges.
{%- set url_window_s = var('clicktrail__identity_url_match_window_seconds') %}
{%- set landing_s = var('clicktrail__email_landing_window_minutes') * 60 %}

with

email_events as (
    select * from {{ ref('int_email_events_unioned') }}
),

engagements as (
    select * from {{ ref('int_email_engagement_signals') }}
),

classified as (
    select * from {{ ref('int_email_engagements_classified') }}
),

crm_contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

all_web_events as (
    select * from {{ ref('int_web_events_enriched') }}
    where not is_bot
        and anonymous_id is not null
),

human_clicks as (
    select
        engagements.email_event_id,
        engagements.esp_contact_id,
        engagements.email_sha256,
        engagements.occurred_at,
        engagements.recipient_token,
        lower(engagements.destination_url) as destination_url_lower
    from engagements
    inner join classified
        on engagements.email_event_id = classified.email_event_id
    where engagements.event_type = 'email_click'
        and classified.engagement_quality = 'human'
),

-- The contact node of a click: the ESP contact id, else the email hash.
human_click_nodes as (
    select
        *,
        case
            when esp_contact_id is not null then {{ dbt.concat(["'esp:'", "esp_contact_id"]) }}
            else {{ dbt.concat(["'email:'", "email_sha256"]) }}
        end as contact_node
    from human_clicks
    where coalesce(esp_contact_id, email_sha256) is not null
),

-- Destinations of human clicks without a recipient token (url_candidates).
click_urls as (
    select distinct destination_url_lower from human_click_nodes
    where recipient_token is null
),

-- Only the web events that can make an edge, with the columns the edges use: the engine
-- materialises a CTE read more than once, and a copy of every web event (8.2M rows at
-- 10M events) cost more than the edges themselves. A web event makes an edge when it
-- carries a recipient token, an email hash or a user id, or lands on the URL of a human
-- click without a token.
web_events as (
    select
        web_event_id,
        source_system,
        anonymous_id,
        occurred_at,
        page_url,
        page_recipient_token,
        email_sha256,
        user_id
    from all_web_events
    where page_recipient_token is not null
        or email_sha256 is not null
        or user_id is not null
        or lower(page_url) in (select click_urls.destination_url_lower from click_urls)
),

web_nodes as (
    select
        *,
        {{ dbt.concat(["'anon:'", "source_system", "':'", "anonymous_id"]) }} as anon_node
    from web_events
),

esp_email_edges as (
    select
        {{ dbt.concat(["'esp:'", "esp_contact_id"]) }} as node_a,
        {{ dbt.concat(["'email:'", "email_sha256"]) }} as node_b,
        'esp_event' as evidence,
        occurred_at as observed_at
    from email_events
    where esp_contact_id is not null
        and email_sha256 is not null
),

crm_email_edges as (
    select
        {{ dbt.concat(["'crm:'", "crm_contact_id"]) }} as node_a,
        {{ dbt.concat(["'email:'", "email_sha256"]) }} as node_b,
        'crm_contact' as evidence,
        created_at as observed_at
    from crm_contacts
    where email_sha256 is not null
),

crm_user_edges as (
    select
        {{ dbt.concat(["'crm:'", "crm_contact_id"]) }} as node_a,
        {{ dbt.concat(["'user:'", "user_id"]) }} as node_b,
        'crm_user_id' as evidence,
        created_at as observed_at
    from crm_contacts
    where user_id is not null
),

token_click_edges as (
    select
        web_nodes.anon_node as node_a,
        human_click_nodes.contact_node as node_b,
        'email_click_recipient_token' as evidence,
        web_nodes.occurred_at as observed_at
    from human_click_nodes
    inner join web_nodes
        on human_click_nodes.recipient_token = web_nodes.page_recipient_token
            and human_click_nodes.occurred_at <= web_nodes.occurred_at
            and {{ dbt.datediff('human_click_nodes.occurred_at', 'web_nodes.occurred_at', 'second') }}
            <= {{ landing_s }}
),

-- Without a token: the landing whose URL equals the click's destination within a short
-- window, kept only when the match is unique in both directions.
url_candidates as (
    select
        human_click_nodes.email_event_id,
        human_click_nodes.contact_node,
        web_nodes.web_event_id,
        web_nodes.anon_node,
        web_nodes.occurred_at
    from human_click_nodes
    inner join web_nodes
        on human_click_nodes.destination_url_lower = lower(web_nodes.page_url)
            and human_click_nodes.occurred_at <= web_nodes.occurred_at
            and {{ dbt.datediff('human_click_nodes.occurred_at', 'web_nodes.occurred_at', 'second') }}
            <= {{ url_window_s }}
    where human_click_nodes.recipient_token is null
        and web_nodes.page_recipient_token is null
),

url_candidates_counted as (
    select
        *,
        count(*) over (partition by email_event_id) as n_landings_for_click,
        count(*) over (partition by web_event_id) as n_clicks_for_landing
    from url_candidates
),

url_match_edges as (
    select
        anon_node as node_a,
        contact_node as node_b,
        'email_click_unique_url_match' as evidence,
        occurred_at as observed_at
    from url_candidates_counted
    where n_landings_for_click = 1
        and n_clicks_for_landing = 1
),

form_edges as (
    select
        anon_node as node_a,
        {{ dbt.concat(["'email:'", "email_sha256"]) }} as node_b,
        'form_submit_email' as evidence,
        occurred_at as observed_at
    from web_nodes
    where email_sha256 is not null
),

login_edges as (
    select
        anon_node as node_a,
        {{ dbt.concat(["'user:'", "user_id"]) }} as node_b,
        'login_user_id' as evidence,
        occurred_at as observed_at
    from web_nodes
    where user_id is not null
),

all_edges as (
    select * from esp_email_edges
    union all
    select * from crm_email_edges
    union all
    select * from crm_user_edges
    union all
    select * from token_click_edges
    union all
    select * from url_match_edges
    union all
    select * from form_edges
    union all
    select * from login_edges
),

-- Undirected: store each pair once with the smaller node first.
normalised as (
    select
        least(node_a, node_b) as node_a,
        greatest(node_a, node_b) as node_b,
        evidence,
        observed_at
    from all_edges
    where node_a != node_b
),

final as (
    select
        {{ dbt.hash(dbt.concat(["node_a", "'|'", "node_b", "'|'", "evidence"])) }} as edge_id,
        node_a,
        node_b,
        evidence,
        min(observed_at) as first_observed_at,
        max(observed_at) as last_observed_at,
        count(*) as n_observations
    from normalised
    group by node_a, node_b, evidence
)

select * from final
