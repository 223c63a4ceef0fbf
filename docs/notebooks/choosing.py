# %% [markdown]
# # Notebook: choosing the strength
#
# The companion of {{ chapter: choosing }}: K-fold cross-validation of the
# lasso and ridge on the diabetes data, and the one-standard-error rule.
#
# {{ formula: one_standard_error }}

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

data = reglit.data.diabetes()
X, y = data["X"], data["y"]
k = 5
folds = reglit.kfold(len(y), k, seed=0)
print("fold sizes:", np.bincount(folds))

# %% [markdown]
# The lasso on a log grid from lambda_max down, each fit with an
# unpenalised intercept and warm-started from the one before. Change `k`
# or `count` and run it again.

# %%
count = 20
top = reglit.lambda_max(X, y)
lams = reglit.log_grid(top, count=count, ratio=1e-3)
cv = reglit.cross_validate(X, y, lams, folds, method="l1_prox")
print("mean errors:")
print(cv.mean.round(0))
print(f"lowest at lambda {cv.best:.3f}, one SE: {cv.one_se:.3f}")
lr = 1 / reglit.curvatures(X).max()
for lam in (cv.best, cv.one_se):
    W = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
    print(f"lambda {lam:.3f} keeps {np.count_nonzero(W)} of 10")

# %% [markdown]
# The single validation split of the first chapter, which K folds
# replace: one split, one noisy curve.

# %%
reglit.figures.tradeoff()

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: choose lambda by K-fold cross-validation
#
# Write `choose_by_cv(X, y, lams, folds)`: for each strength in `lams`,
# fit ridge, without an intercept, on all folds but one
# (`reglit.ridge(X_train, y_train, lam)`),
# measure the mean squared error on the fold left out, average over the
# folds, and return the strength with the lowest average. `folds` holds
# each example's fold, 0 to K - 1.


# %%
def choose_by_cv(X, y, lams, folds):
    return None  # replace with your code


check("choose_by_cv", choose_by_cv)

# %% [markdown]
# {{ solution: choose_by_cv }}

# %% [markdown]
# ### Exercise: the one-standard-error rule
#
# Write `one_standard_error(lams, mean, se)`: the largest strength whose
# mean error is at most the lowest mean plus that lowest mean's standard
# error.


# %%
def one_standard_error(lams, mean, se):
    return None  # replace with your code


check("one_standard_error", one_standard_error)

# %% [markdown]
# {{ solution: one_standard_error }}
