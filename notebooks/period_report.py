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
approved_only = False  # count only records whose review status is 已审核 (approved)

# %%
import matplotlib.pyplot as plt

import sgnet
from sgnet import county_map, metrics, parts, plots, sections, tables
from sgnet import pages as pg
from sgnet.parts import show, show_figure
from sgnet.summary import summary_paragraphs
from sgnet.words import word

ds = sgnet.load(data, errors=errors, handle=handle)
ds = ds.select(status="approved") if approved_only else ds
the_period = sgnet.parse_period(period) if period else sgnet.plan.default_period(ds)
scope = ds.select(region=region, pairing=pairing)
current = scope.select(period=the_period)
show(parts.title(pg.title_fields(current, the_period, lang=lang, audience=audience)))

# %%
head = metrics.headline(current)
comparison = metrics.compare(scope, the_period)
progress = metrics.progress(scope, the_period)
show(parts.heading("headline", lang=lang))
show(parts.headline(head, lang=lang))

# %%
show(parts.heading("summary", lang=lang))
show(parts.summary(summary_paragraphs(
    head, comparison, progress, list(sections.silent_frame(scope, the_period)["pairing_id"]),
    period_label=the_period.label, totals=metrics.activity_totals(current), lang=lang),
    lang=lang))

# %%
show(parts.heading("compare", lang=lang))
show(tables.comparison_part(comparison, lang=lang))

# %%
show(parts.heading("progress", lang=lang))
show(parts.note(pg.progress_rule(the_period, lang=lang)))
show(tables.progress_part(progress, lang=lang))

# %%
show(parts.heading("figures", lang=lang))
year_to_date = scope.select(period=f"{the_period.end.year}-01-01..{the_period.end}")
fig, ax = plt.subplots(figsize=(9, 4), layout="tight")
plots.monthly_activity(year_to_date, lang=lang, ax=ax)
show_figure(fig, caption=word("fig.monthly", lang, year=the_period.end.year),
            alt=word("fig.monthly_alt", lang, year=the_period.end.year, end=the_period.end))

# %%
fig = plots.target_progress_figure(progress, metrics=("training", "station_visit"), lang=lang)
show_figure(fig, caption=word("fig.progress", lang), alt=word("fig.progress_alt", lang))

# %%
fig, caption, alt = county_map.report_map(current, lang=lang)
show_figure(fig, caption=caption, alt=alt)

# %%
show(parts.heading("pairings", lang=lang))
show(tables.pairing_table(current, lang=lang))

# %%
show(parts.heading("regions", lang=lang))
show(tables.region_table(current, lang=lang))

# %%
if audience == "internal":
    show(parts.heading("leaders", lang=lang))
    show(tables.frame_part(metrics.by_leader(current), name="leaders", lang=lang))

# %%
if audience == "internal" and len(ds.rejected):
    show(parts.heading("rejected", lang=lang))
    show(parts.note(pg.rejected_intro(ds, lang=lang)))
    show(tables.frame_part(pg.rejected_rows(ds), name="rejected", lang=lang))

# %%
show(parts.heading("data", lang=lang))
show(parts.note(pg.data_note(scope, current, lang=lang, approved_only=approved_only)))

# %%
# Program measures: stays and working days on site, supervision hours, outcomes against
# targets and silent pairings (sgnet.sections); change over time is the comparison above
for key, found in (
        ("onsite", sections.onsite_parts(scope, the_period, audience=audience, lang=lang)),
        ("supervision", sections.supervision_parts(scope, the_period, lang=lang)),
        ("outcomes", sections.outcomes_parts(scope, the_period, lang=lang)),
        ("silence", sections.silence_parts(scope, the_period, lang=lang))):
    show(parts.heading(key, lang=lang))
    for part in found:
        show(part)
