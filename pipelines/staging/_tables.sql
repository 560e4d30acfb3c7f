-- run by: buurtdata.sources.cbs (create_staging_tables)
-- Tables the staging statements insert into, one source year at a time; kwb_file names the year being staged.
create or replace temp table kwb_file (
    year integer not null,
    table_id varchar not null
);

create or replace table stg_kwb_observations (
    year integer not null,
    table_id varchar not null,
    code varchar not null,
    cbs_key varchar not null,
    value double,
    status varchar not null,
    -- where a user finds the cell: its line in a CSV or Excel file (header = line 1), else its row (1 = first
    -- region) in Parquet or OData v3 data; null for OData v4 (long) data
    source_row integer
);

create or replace table stg_kwb_regions (
    year integer not null,
    code varchar not null,
    level varchar,
    name varchar,
    gemeente_code varchar,
    wijk_code varchar,
    postcode varchar,
    -- CBS's Indelingswijziging topic: 1 unchanged since the year before, 2 code changed, 3 code and/or outline
    indeling_change varchar,
    -- The name as CBS (or the polygons) gives it; ``name`` is the form people read (buurtdata.pipeline.names)
    cbs_name varchar
);

create or replace table stg_kwb_indicators (
    year integer not null,
    table_id varchar not null,
    cbs_key varchar not null,
    title varchar,
    unit varchar,
    decimals integer,
    description varchar
);
