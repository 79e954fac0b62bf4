"""FieldCRM: offline-first desktop CRM for field sales reps."""

__version__ = "0.1.0"
