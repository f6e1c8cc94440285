"""The one HTML escaper: every text from data that sgnet puts in a page passes through it.

Used by the report pieces (:mod:`sgnet.pages`) and by the notebook views of a dataset and a
graph (``Dataset._repr_html_``, ``GraphSummary._repr_html_``).
"""

from __future__ import annotations

import html

__all__ = ["escape"]


def escape(value: object) -> str:
    """Text for HTML, quotes included; ``None`` and missing values give an empty string.

    Examples
    --------
    >>> escape("<b>同心</b> & 'x'"), escape(None), escape(float("nan"))
    ('&lt;b&gt;同心&lt;/b&gt; &amp; &#x27;x&#x27;', '', '')
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if type(value).__name__ == "NAType":  # pandas.NA, without importing pandas
        return ""
    return html.escape(str(value), quote=True)
