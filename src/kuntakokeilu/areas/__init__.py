"""Stored reference data: municipalities by division, ELY centres, areas with dated membership."""
