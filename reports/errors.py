"""The one exception report services raise for what a report's state does not allow (said in Vietnamese)."""


class ReportError(Exception):
    """Something the user asked that the report's state does not allow, said in Vietnamese."""
