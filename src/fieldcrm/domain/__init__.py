"""The rules of the business, once, as pure functions (no session, no Qt, no HTTP), used alike by the laptop's
services, the Excel importer's planner and the server's per-table checks, so a refusal reads the same in the
window, the command line, an import's error workbook and a sync rejection. A rule answers None (allowed) or the
sentence that says why not."""
