"""Referral of the target group from a register extract to the experiment areas (vectorised)."""
