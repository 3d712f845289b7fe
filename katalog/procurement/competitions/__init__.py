"""Mini-competitions (mini kompetisi): invitations, sealed quotes, evaluation with the TKDN price preference, award."""
