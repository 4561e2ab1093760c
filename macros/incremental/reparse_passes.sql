{#- The parse passes of a two-pass incremental base model (DECISIONLOG D-013), as
    (name, where-predicate on the raw relation) pairs for a Jinja loop that renders one chain
    of parse CTEs per pass, named `<pass>_...` and ending in `<pass>_checked`:
    `new` reads the files not loaded yet; on an incremental run `reloaded` re-reads the
    loaded files that hold a row of a dedupe key the new files hold too
    (CTE `affected_files`, rendered by reparse_affected_files). -#}
{% macro reparse_passes() -%}
    {%- set passes = [('new', clicktrail.new_files_only())] %}
    {%- if is_incremental() %}
        {%- do passes.append(('reloaded', 'filename in (select filename from affected_files)')) %}
    {%- endif %}
    {{- return(passes) -}}
{%- endmacro %}

{#- CTEs `new_keys` and `affected_files` (loaded files holding a row of a key the new rows
    hold): rendered before the `reloaded` pass. -#}
{% macro reparse_affected_files(key_column) -%}
new_keys as (
    select distinct {{ key_column }} from new_checked
),

affected_files as (
    select distinct filename from {{ this }}
    where {{ key_column }} in (select new_keys.{{ key_column }} from new_keys)
),
{%- endmacro %}

{#- The rows to rank: the new rows and, on an incremental run, the re-read rows of the keys
    the new rows hold (all rows of those keys, so ranks equal a full refresh). -#}
{% macro reparse_candidates(key_column) -%}
    select * from new_checked
    {%- if is_incremental() %}
    union all
    select * from reloaded_checked
    where {{ key_column }} in (select new_keys.{{ key_column }} from new_keys)
    {%- endif %}
{%- endmacro %}
