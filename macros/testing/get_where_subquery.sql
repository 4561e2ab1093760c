{#- Overrides dbt's get_where_subquery (the `where` config of data tests) to understand one
    placeholder, so a nightly run tests what it wrote instead of years of history
    (DECISIONLOG D-021):
      where: "__last_run__"                  rows stamped by the model's latest write
      where: "__last_run__ on <column>"      rows whose <column> value occurs among them
      where: "__last_run__(<stamp>) ..."     the same with another stamp column
    The stamp must be one the model writes with clicktrail.loaded_at() on every row it
    inserts or replaces. Rows of earlier runs were tested when written and are unchanged; a
    duplicate of a key needs at least one rewritten row, and `on <key>` brings in every
    other row of that key. Under --full-refresh, or with var clicktrail__test_all_rows
    true, the placeholder tests every row (no filter). Any other `where` works as in dbt. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where and where.strip().startswith('__last_run__') -%}
        {%- set where = clicktrail.last_run_predicate(where.strip(), relation) -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#- The predicate behind `__last_run__[(<stamp>)][ on <column>]` (see get_where_subquery). -#}
{% macro last_run_predicate(spec, relation) -%}
    {#- A full refresh rewrote every row: test them all, without the key semi-join (at 50M
        events it held every key in a hash table beside the next model; D-030). -#}
    {%- if var('clicktrail__test_all_rows') or flags.FULL_REFRESH -%}
        {{- return('1 = 1') -}}
    {%- endif -%}
    {%- set rest = spec[12:] -%}
    {%- set stamp = '_loaded_at' -%}
    {%- if rest.startswith('(') -%}
        {%- set stamp = rest[1:rest.index(')')].strip() -%}
        {%- set rest = rest[rest.index(')') + 1:] -%}
    {%- endif -%}
    {%- set rest = rest.strip() -%}
    {%- set latest -%}
        (select max(latest_write.{{ stamp }}) from {{ relation }} as latest_write)
    {%- endset -%}
    {%- if rest == '' -%}
        {{- return(stamp ~ ' = ' ~ latest) -}}
    {%- elif rest.startswith('on ') -%}
        {%- set column = rest[3:].strip() -%}
        {%- set predicate -%}
            {{ column }} in (
                select last_run_rows.{{ column }} from {{ relation }} as last_run_rows
                where last_run_rows.{{ stamp }} = {{ latest }}
            )
        {%- endset -%}
        {{- return(predicate) -}}
    {%- else -%}
        {{- exceptions.raise_compiler_error(
            "where '" ~ spec ~ "': expected __last_run__[(<stamp>)][ on <column>]"
        ) -}}
    {%- endif -%}
{%- endmacro %}
