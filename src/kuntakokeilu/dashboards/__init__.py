"""Dashboards, exports and monthly reports of the monitoring indicators (the Django shell)."""
