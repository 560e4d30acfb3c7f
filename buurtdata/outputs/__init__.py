"""Outputs: charts, maps, handouts, notebooks and the report. They consume the pipeline's result; they never read
sources.
"""
