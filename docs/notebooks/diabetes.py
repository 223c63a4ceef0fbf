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
import reglit.explorables
import reglit.figures
from reglit.exercises import check
from sklearn.linear_model import lasso_path

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

paths = reglit.experiments.diabetes_paths()
for lam, zeros in zip(paths["lams"], paths["lasso_zeros"], strict=True):
    print(f"lambda {lam:8.3f}: {zeros} weights exactly zero")

# %%
reglit.explorables.diabetes_paths()

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
).W
for name, w in zip(data["features"], W, strict=True):
    if w != 0:
        print(f"{name:>4}: {w:7.2f}")

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: a ridge fit by gradient descent
#
# Write `ridge_fit(X, y, lam, lr, steps)`: start from zero weights and
# take `steps` full-batch gradient steps on the mean squared error
# plus `lam` times the L2 penalty. The gradient of the mean squared
# error is 2/N X^T (XW - y).
#
# {{ formula: mse }}


# %%
def ridge_fit(X, y, lam, lr, steps):
    return None  # replace with your code


check("ridge_fit", ridge_fit)

# %% [markdown]
# {{ solution: ridge_fit }}

# %% [markdown]
# ### Exercise: our lambda in scikit-learn's Lasso
#
# Write `lasso_alpha(lam)`: the `alpha` that makes scikit-learn's
# `Lasso` minimise the same loss as ours with strength `lam`. Our model
# has no intercept, so compare with `Lasso(fit_intercept=False)`.
#
# {{ formula: lasso_alpha }}


# %%
def lasso_alpha(lam):
    return None  # replace with your code


check("lasso_alpha", lasso_alpha)

# %% [markdown]
# {{ solution: lasso_alpha }}

# %% [markdown]
# ### Exercise: our lambda in scikit-learn's Ridge
#
# Write `ridge_alpha(lam, n_samples)`: the `alpha` of scikit-learn's
# `Ridge(fit_intercept=False)` for our `lam`, on `n_samples` examples.
#
# {{ formula: ridge_alpha }}


# %%
def ridge_alpha(lam, n_samples):
    return None  # replace with your code


check("ridge_alpha", ridge_alpha)

# %% [markdown]
# {{ solution: ridge_alpha }}
