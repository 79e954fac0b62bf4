"""Appeals: the rep's appeal dialog and the supervisor's arbitration screen."""
