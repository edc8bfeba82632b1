"""Services and decisions (wage subsidy, start-up grant, training, coaching, work trial, career
guidance), job offers and reports to the TE office. See docs/casework-design.md."""
