-- Campaign rows without an id, and superseded duplicates, with a reason.
{{ clicktrail.quarantined_rows(
    ref('base_esp__campaigns_parsed'), 'esp', 'esp.campaigns', 'campaign_id'
) }}
