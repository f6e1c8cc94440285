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

# %% [markdown]
# # One pairing / 结对档案
# One pairing: its organizations, supervisors, the stations it reached, its activity over time
# and its progress against the targets. The cell tagged `parameters` holds defaults that run on
# the bundled sample; logic lives in `sgnet`.

# %% tags=["parameters"]
data = None  # dataset folder or .xlsx workbook (None: the bundled data/sample)
pairing = "PR14"  # the pairing_id
period = None  # reporting period for targets, e.g. "2023Q2" (None: latest full quarter)
k = 2  # hops for the stations reached
audience = "funder"  # "funder": no names of people; "internal" may show them
lang = "zh"  # "zh" or "en"
errors = "raise"  # "drop": leave out rows that fail validation
handle = None  # set by `sgnet report`/`batch`: the data it already checked (sgnet.handover)

# %%
import matplotlib.pyplot as plt
from IPython.display import HTML, display

import sgnet
from sgnet import graph, metrics, netplots, plots
from sgnet import network as nw
from sgnet import pages as pg

# %config InlineBackend.figure_formats = ["png"]
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 100}

ds = sgnet.load(data, errors=errors, handle=handle)
scope = ds.select(pairing=pairing)
the_period = sgnet.parse_period(period) if period else sgnet.plan.default_period(ds)
G = graph.build(scope)
mentor = scope.pairings["mentor_org_id"].iloc[0]
display(HTML(pg.title_html(scope.select(period=the_period), the_period, lang=lang,
                           audience=audience)))
display(graph.summary(G))

# %% [markdown]
# ## Organizations / 参与机构

# %%
display(nw.pairing_members(G, pairing))

# %% [markdown]
# ## Supervisors / 督导

# %%
supervisors = nw.supervisor_load(G, names=audience == "internal")
display(supervisors[supervisors["activities"] > 0])

# %% [markdown]
# ## Stations reached / 触达的社工站

# %%
display(nw.coverage(G))
display(nw.stations_reached(G, mentor, k=k))
fig, ax = plt.subplots(figsize=(8, 6))
netplots.network(G, focus=mentor, people=True, lang=lang, ax=ax)
plt.show()

# %% [markdown]
# ## Activity over time / 各月活动

# %%
fig, ax = plt.subplots(figsize=(10, 3.8))
plots.monthly_activity(scope, lang=lang, ax=ax)
plt.show()

# %% [markdown]
# ## Progress against targets / 年度目标进度

# %%
progress = metrics.progress(scope, the_period)
display(HTML(pg.note_html(pg.progress_rule(the_period, lang=lang))))
display(HTML(pg.table_html(progress.drop(columns=["year"]), lang=lang)))
