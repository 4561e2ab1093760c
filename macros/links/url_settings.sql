{#- The parameter and host lists every link macro shares, read from namespaced vars with
    defaults here (so the macros work in a project that sets none of them). -#}
{% macro url_settings() -%}
    {{ return({
        'utm_params': [
            'utm_id', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content',
            'utm_source_platform',
        ],
        'click_id_params': var('clicktrail__click_id_params', [
            'gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid',
            'fbclid',
        ]),
        'recipient_token_params': var('clicktrail__recipient_token_params', [
            'ct_rid', 'mc_eid', '_hsenc', 'mkt_tok', '_kx',
        ]),
        'extra_tracking_params': var('clicktrail__extra_tracking_params', [
            'gad_source', 'gad_campaignid', 'srsltid', 'mc_cid', '_hsmi', '_gl', '_ga',
        ]),
        'redirect_hosts': var('clicktrail__redirect_hosts', [
            'click.*', 'clicks.*', 'link.*', 'links.*', 'track.*', '*.ct.sendgrid.net',
            '*.list-manage.com', '*.hubspotlinks.com', '*.klclick.com', '*.mjt.lu',
        ]),
        'redirect_params': var('clicktrail__redirect_params', [
            'url', 'u', 'redirect', 'target', 'dest',
        ]),
    }) }}
{%- endmacro %}
