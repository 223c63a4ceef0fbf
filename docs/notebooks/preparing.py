# %% [markdown]
# # Notebook: scale, intercept and near copies
#
# The companion of {{ chapter: preparing }}: the lasso on the diabetes
# measurements as measured and standardized, an intercept fitted two
# ways, and a near copy of a feature.
#
# {{ formula: standardize }}
#
# {{ formula: intercept }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white; arrays printed to fit the page
matplotlib.rcParams.update(reglit.figures.style())
np.set_printoptions(precision=3, linewidth=66)

raw = reglit.data.diabetes(standardized=False)
X_raw, y_raw, names = raw["X"], raw["y"], raw["features"]
print("standard deviations:")
print(X_raw.std(axis=0).round(2))


# %% [markdown]
# The order in which the lasso lets the measurements in, from its exact
# path: as measured (centred), then standardized.


# %%
def entry_order(X, y):
    order = []
    for W in reglit.lasso_knots(X, y)[1]:
        order += [
            names[j] for j in np.flatnonzero(W) if names[j] not in order
        ]
    return order


centred = y_raw - y_raw.mean()
as_measured = entry_order(X_raw - X_raw.mean(axis=0), centred)
standardized = entry_order(reglit.standardize(X_raw), centred)
print("as measured: ", " ".join(as_measured))
print("standardized:", " ".join(standardized))

# %% [markdown]
# ## The intercept, two ways
#
# An intercept the penalty leaves alone, fitted by `reglit.fit`; and the
# fit on centred data, with the intercept added back. Change `lam` and
# run it again.

# %%
X = reglit.standardize(X_raw)
lam = 1.0
ones = np.column_stack([X, np.ones(len(X))])
lr = 1 / reglit.curvatures(ones).max()
free = reglit.fit(
    X,
    y_raw,
    loss="mse",
    method="l1_prox",
    lr=lr,
    lam=lam,
    intercept=True,
    tol=1e-12,
)
W = reglit.fit(
    X, centred, loss="mse", method="l1_prox", lr=lr, lam=lam, tol=1e-12
).W
print("weights' largest gap:", np.abs(free.W - W).max())
print("intercept, fitted:", free.intercept)
print("intercept, added back:", reglit.intercept(X, y_raw, W))

# %% [markdown]
# ## Near copies
#
# bmi and a noisy copy of it, along the lasso, elastic net and ridge paths.

# %%
reglit.figures.grouping()

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: standardize, then penalise
#
# Write `standardize(X)`: each column minus its mean, divided by its
# standard deviation (dividing by N); a constant column becomes zeros.


# %%
def standardize(X):
    return None  # replace with your code


check("standardize", standardize)

# %% [markdown]
# {{ solution: standardize }}

# %% [markdown]
# ### Exercise: the intercept of a centred fit
#
# Write `intercept(X, y, W)`: for weights `W` fitted on centred `X` and
# `y`, the intercept that makes `X @ W + intercept(X, y, W)` the model's
# prediction on the raw data.


# %%
def intercept(X, y, W):
    return None  # replace with your code


check("intercept", intercept)

# %% [markdown]
# {{ solution: intercept }}
