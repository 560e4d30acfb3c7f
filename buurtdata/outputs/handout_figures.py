"""The figures a handout prints: ``buurt_comparison``, where a rate per 1.000 inwoners says nothing the count.

A rate of too few inwoners (``te_klein``) or of none (``niet_van_toepassing``) says nothing, but CBS may publish
the count itself (user test: a place of 25 inwoners said 'te klein' of its bedrijfsvestigingen). The row then
shows that count beside the gemeente's and Nederland's counts, as the row of inwoners does: a row of measure
'aantal', without an index, its texts printed by the macro ``nl_getal`` as the mart's are, so print and table
agree. The rule is decided here only; :mod:`.handout_table` shows what it is given.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from buurtdata import _sql

_QUERY = """
with counts as (
    select code, indicator, value
    from observations
    where status = 'waarde' and year = (select year from project_settings)
),

counted as (
    select comparison.*, buurt.value as count, gemeente.value as gemeente_count, nl.value as nl_count
    from buurt_comparison as comparison
    join counts as buurt on buurt.code = comparison.code and buurt.indicator = comparison.indicator
    left join counts as gemeente
        on gemeente.code = comparison.gemeente_code and gemeente.indicator = comparison.indicator
    left join counts as nl
        on nl.indicator = comparison.indicator
        and nl.code = (select code from regions where level = 'land' and year = (select year from project_settings))
    where comparison.measure = 'per_1000' and comparison.status in ('te_klein', 'niet_van_toepassing')
)

select * from buurt_comparison anti join counted using (code, indicator)
union all by name
select
    * exclude (count, gemeente_count, nl_count) replace (
        'aantal' as unit,
        'aantal' as measure,
        0 as decimals,
        'waarde' as status,
        count as value,
        if(gemeente_count is null, 'ontbreekt', 'waarde') as gemeente_status,
        gemeente_count as gemeente_value,
        if(nl_count is null, 'ontbreekt', 'waarde') as nl_status,
        nl_count as nl_value,
        null as index,
        null as direction,
        nl_getal(count, 0) as value_text,
        nl_getal(gemeente_count, 0) as gemeente_text,
        nl_getal(nl_count, 0) as nl_text,
        null as index_text
    )
from counted
order by code, position nulls last, indicator
"""


def comparison(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of ``buurt_comparison``, each rate that says nothing but has a published count as that count."""
    _sql.macros(con)  # nl_getal, on a database opened again too
    return con.sql(_QUERY).df()
