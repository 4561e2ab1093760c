-- CRM opportunity rows that cannot be used, and superseded duplicates, with a reason.
{{ clicktrail.quarantined_rows(
    ref('base_crm__opportunities_parsed'), 'crm', 'crm.opportunities', 'opportunity_id'
) }}
