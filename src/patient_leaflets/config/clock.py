"""The day review dates are judged against: today, or the day the ``LEAFLETS_TODAY`` environment variable names.

``leaflets check`` (an overdue review is an error, one due soon a warning) and ``leaflets site`` (overdue
reviews are marked) ask this module. Setting the variable answers "what will be overdue on that day?" before it
comes, and keeps a test suite or a CI job from failing on the day a fixture's review falls due. Approvals are
never dated by it: ``leaflets approve`` records the real date unless ``--date`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import os

from ..errors import ConfigError, Problem

ENVIRONMENT = "LEAFLETS_TODAY"


def review_day() -> dt.date:
    """Return the day review dates are judged against."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError([Problem("", None, ENVIRONMENT, f"{value!r} is not a date",
                                   "Write it as YYYY-MM-DD, e.g. 2027-06-01, or unset it to use today")]) from None
