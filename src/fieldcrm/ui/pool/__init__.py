"""The public pool (公海) screen and the release dialog."""
