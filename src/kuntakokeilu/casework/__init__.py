"""See docs/casework-design.md for what this app owns."""
