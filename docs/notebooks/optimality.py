# %% [markdown]
# # Notebook: when a weight is exactly zero
#
# The companion of {{ chapter: optimality }}: the lasso's optimality
# residuals, the strength above which every weight is zero, the exact path
# of the diabetes data, and the three orthonormal rules, computed by `reglit`.
#
# {{ formula: lasso_optimality }}
#
# {{ formula: lambda_max }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.figures
from reglit.exercises import check
from sklearn.linear_model import lars_path

# the colours of the site, on white; arrays printed to fit the page
matplotlib.rcParams.update(reglit.figures.style())
np.set_printoptions(precision=3, linewidth=66)

data = reglit.data.diabetes()
X, y = data["X"], data["y"]
top = reglit.lambda_max(X, y)
print(f"lambda_max = {top:.4f}")

# %% [markdown]
# Fit a lasso, then put it to the test: every residual is zero at the
# minimiser (up to the fit's tolerance).

# %%
lam = 5.0
lr = 1 / reglit.curvatures(X).max()
W = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
g = 2 / len(y) * X.T @ (X @ W - y)
for name, w, r in zip(
    data["features"],
    W,
    reglit.kkt_residuals(W, g, lam, "l1"),
    strict=True,
):
    print(f"{name:>4}: weight {w:8.3f}, residual {r:.1e}")

# %% [markdown]
# ## The exact path
#
# The knots, where a weight enters or leaves, and scikit-learn's `lars_path`
# (whose strengths are half of ours) on the same data.

# %%
knots, weights = reglit.lasso_knots(X, y)
alphas, _, coefs = lars_path(X, y, method="lasso")
print("knots:", knots.round(3))
print(
    "largest difference from lars_path:",
    np.abs(coefs.T - weights).max(),
)
print(
    "strengths, ours over theirs:", (knots[:-1] / alphas[:-1]).round(12)
)

# %% [markdown]
# ## Orthogonal features
#
# Ridge scales, the lasso soft-thresholds at half the strength, best subset
# hard-thresholds at its square root: the chapter's figure.

# %%
reglit.figures.orthonormal()

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: is each weight at its optimum?
#
# Write `lasso_residuals(W, grad, lam)`: for each weight, how far it is from
# the lasso's optimality condition, given the data gradient `grad` at `W`.


# %%
def lasso_residuals(W, grad, lam):
    return None  # replace with your code


check("lasso_residuals", lasso_residuals)

# %% [markdown]
# {{ solution: lasso_residuals }}

# %% [markdown]
# ### Exercise: the strength that zeroes every weight
#
# Write `lambda_max(X, y)`: the smallest L1 strength at which the lasso's
# minimiser on `X` and `y` is all zeros.


# %%
def lambda_max(X, y):
    return None  # replace with your code


check("lambda_max", lambda_max)

# %% [markdown]
# {{ solution: lambda_max }}

# %% [markdown]
# ### Exercise: the lasso on orthonormal features
#
# Write `orthonormal_lasso(z, lam)`: the lasso's weights when the least-squares
# weights are `z` and the features are orthonormal.


# %%
def orthonormal_lasso(z, lam):
    return None  # replace with your code


check("orthonormal_lasso", orthonormal_lasso)

# %% [markdown]
# {{ solution: orthonormal_lasso }}

# %% [markdown]
# ### Exercise: best subset on orthonormal features
#
# Write `orthonormal_best_subset(z, lam)`: the weights of best-subset
# selection, at a price of `lam` per nonzero weight, under the same design.


# %%
def orthonormal_best_subset(z, lam):
    return None  # replace with your code


check("orthonormal_best_subset", orthonormal_best_subset)

# %% [markdown]
# {{ solution: orthonormal_best_subset }}
