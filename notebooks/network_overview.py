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
# # The pairing network / 结对网络总览
# Who is paired with whom, and how far the help reaches: the whole network, its measures, the
# map, and how it changed between two periods. The cell tagged `parameters` holds defaults that
# run on the bundled sample. Logic lives in `sgnet.graph`, `sgnet.network`, `sgnet.maps` and
# `sgnet.netplots`; this notebook only calls them.

# %% tags=["parameters"]
data = None  # dataset folder or .xlsx workbook (None: the bundled data/sample)
period = None  # the period to look at, e.g. "2023" or "2023Q2" (None: all the data)
region = None  # a region code at any level, or None for all
before = "2022"  # two periods to compare (None to skip the comparison)
after = "2023"
k = 2  # hops for the reach of a mentor agency
audience = "funder"  # "funder": no names of people; "internal" may show them
lang = "zh"  # "zh" or "en"
errors = "raise"  # "drop": leave out rows that fail validation
handle = None  # set by `sgnet report`/`batch`: the data it already checked (sgnet.handover)

# %%
import matplotlib.pyplot as plt
from IPython.display import display

import sgnet
from sgnet import graph, maps, netplots
from sgnet import network as nw

# %config InlineBackend.figure_formats = ["png"]
# %config InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "dpi": 100}

ds = sgnet.load(data, errors=errors, handle=handle).select(period=period, region=region)
G = graph.build(ds)
display(ds)
display(graph.summary(G))

# %% [markdown]
# ## Map of the pairings / 结对地图

# %%
fig, ax = plt.subplots(figsize=(10, 7.5))
maps.pairing_map(G, lang=lang, ax=ax)
plt.show()

# %% [markdown]
# ## The network / 网络图
# Organizations colored by kind; pairings in red, activities in grey, administrative ties dashed.

# %%
fig, ax = plt.subplots(figsize=(11, 9))
netplots.network(G, lang=lang, ax=ax)
plt.show()

# %%
fig, ax = plt.subplots(figsize=(10, 3.5))
netplots.timeline(ds, lang=lang, ax=ax)
plt.show()

# %% [markdown]
# ## Load / 负荷
# Mentor load: pairings, mentee organizations and stations per mentor agency.
# Supervisor load: supervision sessions and people supervised per supervisor.

# %%
display(nw.mentor_load(G))
display(nw.supervisor_load(G, names=audience == "internal").head(15))

# %% [markdown]
# ## Coverage and reach / 覆盖与触达
# Share of each mentee region's stations that some activity reached, the stations never
# reached, and the stations within `k` hops of each mentor agency.

# %%
display(nw.coverage(G))
display(nw.never_visited(G))
display(nw.reach(G, k=k))

# %% [markdown]
# ## Concentration, centrality, components / 集中度、中心性、连通分量

# %%
display(nw.concentration(G))
display(nw.centrality(G).head(15))
display(nw.components(G).drop(columns="members"))

# %% [markdown]
# ## Change between two periods / 两期之间的变化

# %%
if before and after:
    full = sgnet.load(data, errors=errors, handle=handle).select(region=region)
    changed = nw.change(graph.build(full.select(period=before)),
                        graph.build(full.select(period=after)))
    display(changed.groupby(["item", "change"]).size().rename("n").reset_index())
    display(changed)
