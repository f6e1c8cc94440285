# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
# Period report, run by `sgnet report` (papermill). These defaults run on the bundled sample.
# Logic lives in sgnet: this notebook only calls it.
data = None  # dataset folder or .xlsx workbook (None: the bundled data/sample)
period = None  # e.g. "2022Q4", "2022-10", "2022" (None: latest full quarter in the data)
region = None  # a region code at any level (450000, 451200, 451225), or None for all
pairing = None  # a pairing_id, or None for all
audience = "funder"  # "funder" shows no names of people, "internal" may
lang = "zh"  # "zh" or "en"
errors = "raise"  # "drop": leave out rows that fail validation (the report says how many)
handle = None  # set by `sgnet report`/`batch`: the data it already checked (sgnet.handover)

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import sgnet
from sgnet import maps, metrics, plots
from sgnet import pages as pg

# %config InlineBackend.figure_formats = ["png"]
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 110}

ds = sgnet.load(data, errors=errors, handle=handle)
the_period = sgnet.parse_period(period) if period else sgnet.plan.default_period(ds)
scope = ds.select(region=region, pairing=pairing)
current = scope.select(period=the_period)
display(HTML(pg.title_html(current, the_period, lang=lang, audience=audience)))

# %%
display(HTML(pg.heading_html("headline", lang=lang)))
display(HTML(pg.headline_html(metrics.headline(current), lang=lang)))

# %%
progress = metrics.progress(scope, the_period)
display(HTML(pg.heading_html("progress", lang=lang)))
display(HTML(pg.note_html(pg.progress_rule(the_period, lang=lang))))
display(HTML(pg.progress_table_html(progress, lang=lang)))

# %%
display(HTML(pg.heading_html("figures", lang=lang)))
year_to_date = scope.select(period=f"{the_period.end.year}-01-01..{the_period.end}")
fig, ax = plt.subplots(figsize=(9, 4))
plots.monthly_activity(year_to_date, lang=lang, ax=ax)
plt.show()

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, max(3, 0.35 * len(scope.pairings) + 1.5)))
plots.target_progress(progress, metric="training", lang=lang, ax=axes[0])
plots.target_progress(progress, metric="station_visit", lang=lang, ax=axes[1])
fig.tight_layout()
plt.show()

# %%
fig, ax = plt.subplots(figsize=(10, 7.5))
maps.pairing_map(current, lang=lang, ax=ax)
plt.show()

# %%
display(HTML(pg.heading_html("pairings", lang=lang)))
display(HTML(pg.table_html(metrics.by_pairing(current), lang=lang)))

# %%
display(HTML(pg.heading_html("regions", lang=lang)))
display(HTML(pg.table_html(metrics.by_region(current), lang=lang)))

# %%
if audience == "internal":
    display(HTML(pg.heading_html("leaders", lang=lang)))
    display(HTML(pg.table_html(metrics.by_leader(current), lang=lang)))

# %%
if audience == "internal" and len(ds.rejected):
    display(HTML(pg.heading_html("rejected", lang=lang)))
    display(HTML(pg.rejected_html(ds, lang=lang)))

# %%
display(HTML(pg.heading_html("data", lang=lang)))
display(HTML(pg.note_html(pg.data_note(scope, current, lang=lang))))

# %%
# Program measures: stays and working days on site, supervision hours, outcomes against
# targets, change over time and silent pairings (sgnet.sections).
from sgnet import sections

display(HTML(pg.heading_html("onsite", lang=lang)))
display(HTML(sections.onsite_html(scope, the_period, audience=audience, lang=lang)))

# %%
display(HTML(pg.heading_html("supervision", lang=lang)))
display(HTML(sections.supervision_html(scope, the_period, lang=lang)))

# %%
display(HTML(pg.heading_html("outcomes", lang=lang)))
display(HTML(sections.outcomes_html(scope, the_period, lang=lang)))

# %%
display(HTML(pg.heading_html("change", lang=lang)))
display(HTML(sections.change_html(scope, the_period, lang=lang)))

# %%
display(HTML(pg.heading_html("silence", lang=lang)))
display(HTML(sections.silence_html(scope, the_period, lang=lang)))
