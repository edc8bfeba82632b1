"""Application rounds: municipalities' applications and their assessment against the criteria."""
