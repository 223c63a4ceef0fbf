# %% [markdown]
# # Notebook: lasso and ridge on diabetes
#
# The companion of {{ chapter: diabetes }}: lasso and
# ridge paths computed by `reglit`, compared with scikit-learn's.
#
# {{ formula: mse }}
#
# {{ formula: lasso_alpha }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.experiments
import reglit.figures
from sklearn.linear_model import lasso_path

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

paths = reglit.experiments.diabetes_paths()
for lam, zeros in zip(paths["lams"], paths["lasso_zeros"], strict=True):
    print(f"lambda {lam:8.3f}: {zeros} weights exactly zero")

# %%
reglit.figures.diabetes_paths()

# %% [markdown]
# The same lasso path from scikit-learn, with `alpha` = lambda / 2, and the
# largest difference from ours.

# %%
data = reglit.data.diabetes()
alphas = [reglit.lasso_alpha(lam) for lam in paths["lams"]]
_, theirs, _ = lasso_path(
    data["X"], data["y"], alphas=alphas, tol=1e-10, max_iter=100_000
)
print("largest difference:", np.abs(theirs.T - paths["lasso"]).max())

# %% [markdown]
# ## Try it
#
# Fit one lasso yourself and count the features it keeps.

# %%
lam = 5.0
lr = len(data["y"]) / (2 * np.linalg.norm(data["X"], 2) ** 2)
W = reglit.fit(
    data["X"],
    data["y"],
    loss="mse",
    method="l1_prox",
    lr=lr,
    lam=lam,
    steps=3000,
).W
for name, w in zip(data["features"], W, strict=True):
    if w != 0:
        print(f"{name:>4}: {w:7.2f}")
