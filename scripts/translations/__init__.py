"""A translator's worksheets: one module per app, each with FI and SV tables (English message id
-> translation; a plural is a (singular, plural) pair on both sides)."""
