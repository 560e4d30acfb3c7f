"""CBS *Kerncijfers wijken en buurten* (KWB): every year, from any source, as one tidy frame.

Each KWB year is its own CBS table (:data:`KWB_TABLES`). buurtdata reads a
year from a KWB file (:func:`read_kerncijfers`), the OData v3 bulk feed or
the OData v4 API (through :mod:`buurtdata._http`, with its disk cache) and
stages it into DuckDB, where ``pipelines/staging/stg_kwb_*.sql`` turn it
into long, typed rows with a status for every missing figure and the marts
give each concept one stable key across years (:func:`kerncijfers`).

One job per module:

- :mod:`~buurtdata.sources.cbs.tables`: the table id of each year;
- :mod:`~buurtdata.sources.cbs.odata`: the OData v3 and v4 clients;
- :mod:`~buurtdata.sources.cbs.files`: KWB files as CBS publishes them or users keep them;
- :mod:`~buurtdata.sources.cbs.indicators`: stable indicator keys and the CBS metadata shipped as seeds;
- :mod:`~buurtdata.sources.cbs.staging`: staging one year into DuckDB;
- :mod:`~buurtdata.sources.cbs.api`: :func:`kerncijfers`, :func:`read_kerncijfers`, :func:`wide`.
"""

from buurtdata.sources.cbs.api import (
    KERNCIJFERS_COLUMNS,
    LEVELS,
    MissingGeometryWarning,
    kerncijfers,
    read_kerncijfers,
    wide,
)
from buurtdata.sources.cbs.files import SHORT_REGION_COLUMNS
from buurtdata.sources.cbs.indicators import (
    IndicatorChangedWarning,
    UncataloguedYearWarning,
    catalogue,
    indicator_metadata,
    short_names,
)
from buurtdata.sources.cbs.odata import (
    DATA_PROPERTIES,
    MEASURE_CODES,
    OBSERVATIONS,
    ODATA4,
    ODATA_FEED,
    TYPED_DATA_SET,
    WIJKEN_EN_BUURTEN,
    WIJKEN_EN_BUURTEN_CODES,
    data_properties,
    download_kwb,
    measure_codes,
    observations,
    odata4_rows,
    odata_rows,
    region_codes,
    typed_data_set,
    wijken_en_buurten,
)
from buurtdata.sources.cbs.staging import SOURCES, create_staging_tables, kwb_frames, stage_frames, stage_kwb
from buurtdata.sources.cbs.tables import (
    ATTRIBUTION,
    KWB_2015,
    KWB_2016,
    KWB_2017,
    KWB_2018,
    KWB_2019,
    KWB_2020,
    KWB_2021,
    KWB_2022,
    KWB_2023,
    KWB_2024,
    KWB_2025,
    KWB_TABLES,
    table_for,
)

__all__ = [
    "ATTRIBUTION",
    "DATA_PROPERTIES",
    "KERNCIJFERS_COLUMNS",
    "KWB_2015",
    "KWB_2016",
    "KWB_2017",
    "KWB_2018",
    "KWB_2019",
    "KWB_2020",
    "KWB_2021",
    "KWB_2022",
    "KWB_2023",
    "KWB_2024",
    "KWB_2025",
    "KWB_TABLES",
    "LEVELS",
    "MEASURE_CODES",
    "OBSERVATIONS",
    "ODATA4",
    "ODATA_FEED",
    "SHORT_REGION_COLUMNS",
    "SOURCES",
    "TYPED_DATA_SET",
    "WIJKEN_EN_BUURTEN",
    "WIJKEN_EN_BUURTEN_CODES",
    "IndicatorChangedWarning",
    "MissingGeometryWarning",
    "UncataloguedYearWarning",
    "catalogue",
    "create_staging_tables",
    "data_properties",
    "download_kwb",
    "indicator_metadata",
    "kerncijfers",
    "kwb_frames",
    "measure_codes",
    "observations",
    "odata4_rows",
    "odata_rows",
    "read_kerncijfers",
    "region_codes",
    "short_names",
    "stage_frames",
    "stage_kwb",
    "table_for",
    "typed_data_set",
    "wide",
    "wijken_en_buurten",
]
