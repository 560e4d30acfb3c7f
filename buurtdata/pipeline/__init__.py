"""The pipeline: staged sources -> DuckDB marts (``pipelines/*.sql``) -> per-buurt GeoDataFrames, checked at every
boundary.
"""

from buurtdata.pipeline.runner import PipelineResult, run

__all__ = ["PipelineResult", "run"]
