"""Readers: raw bytes -> typed tables (CBS figures, boundaries, interview exports). Raw input is never modified."""
