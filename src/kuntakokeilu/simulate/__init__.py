"""Synthetic event histories at national scale, with a known treatment effect (no Django)."""
