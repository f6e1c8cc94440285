# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 探索数据 / Exploring a mentoring program
# 从上到下运行即可(菜单 Run → Run All Cells)。每个单元格只调用一行 sgnet。
# Run it top to bottom; every cell is one line of sgnet. Change the parameters below, or use
# the picker at the end to redraw the figures for another period or region.

# %% tags=["parameters"]
data = None  # 数据文件夹或 .xlsx 工作簿 / dataset folder or workbook (None: bundled sample)
period = "2022Q4"  # 期间 / period: "2022Q4", "2022-10", "2022H2", "2022", "2022-10-01..2022-12-31"
region = None  # 地区 / region code at any level ("450000", "451225") or a place name; None: all
lang = "zh"  # 图表语言 / language of labels: "zh" or "en"

# %%
# %matplotlib inline
import sgnet
from sgnet import explore, metrics

# %% [markdown]
# ## 加载 / Load
# `sgnet.load` 读取并校验全部表格;有问题时会列出文件、行、列和原因。
# `sgnet.load` reads and validates every table; problems are listed with file, row, column and
# reason (`sgnet.validate(data)` returns them as a table).

# %%
ds = sgnet.load(data)
ds

# %% [markdown]
# ## 选择期间和地区 / Select a period and a region

# %%
current = ds.select(period=period, region=region)
current

# %% [markdown]
# ## 主要数据 / Headline figures
# 培训场次与人次、督导、走访社工站和入户走访。Trainings, people trained, supervision, visits.

# %%
metrics.headline(current)

# %% [markdown]
# ## 各结对 / Per pairing

# %%
metrics.by_pairing(current)

# %% [markdown]
# ## 各省份 / Per province

# %%
metrics.by_region(current)

# %% [markdown]
# ## 年度目标进度 / Progress against yearly targets
# 年内累计与年度目标、按进度应完成数相比。Year to date against the annual target and the
# pro-rated expectation.

# %%
metrics.progress(ds.select(region=region), period)

# %% [markdown]
# ## 图表 / Figures

# %%
explore.overview(ds, period=period, region=region, lang=lang)

# %% [markdown]
# ## 交互选择 / Picker
# 在 JupyterLab 中选择期间和地区,图表会重新绘制(需要 ipywidgets:`pip install "sgnet[lab]"`)。
# In JupyterLab, choose a period and a region to redraw the figures (needs ipywidgets).

# %%
choice = explore.picker(ds, period=period, region=region, lang=lang)
