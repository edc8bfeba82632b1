"""The clients the areas are responsible for, their referral history, and TE-office exceptions."""
