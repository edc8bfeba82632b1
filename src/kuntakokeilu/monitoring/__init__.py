"""Monthly monitoring: the client-month panel, the ten indicators and data-quality checks."""
