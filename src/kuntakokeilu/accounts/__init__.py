"""Users, their roles and areas, login throttling and session limits."""
