# %% [markdown]
# # Notebook: three views of one penalty
#
# The companion of {{ chapter: views }}: a penalty as a budget, solved by
# SciPy; a prior turned into a strength by `reglit`; and the strength
# scikit-learn's `BayesianRidge` learns from the evidence.
#
# {{ formula: gaussian_prior_lam }}
#
# {{ formula: laplace_prior_lam }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.figures
from reglit.exercises import check
from scipy.optimize import minimize
from sklearn.linear_model import BayesianRidge

# the colours of the site, on white; arrays printed to fit the page
matplotlib.rcParams.update(reglit.figures.style())
np.set_printoptions(precision=3, linewidth=66)

# the two-weight problem of the penalties chapter
X = np.array([[1.0, 0.3], [0.2, 1.0], [1.0, -0.4], [0.5, 0.5]])
y = X @ np.array([2.0, 0.6])
lam = 0.6
lr = 1 / reglit.curvatures(X).max()
W = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam).W
budget = np.abs(W).sum()
print(f"lasso at lambda {lam}: {W.round(4)}, budget t = {budget:.4f}")

# %% [markdown]
# The same weights from the budget alone: minimise the mean squared error
# with the sum of sizes at most `budget` (weights written as p - q, both
# nonnegative, so that the constraint is smooth).

# %%
result = minimize(
    lambda pq: np.mean((X @ (pq[:2] - pq[2:]) - y) ** 2),
    np.full(4, budget / 4),
    method="SLSQP",
    bounds=[(0, None)] * 4,
    constraints=[{"type": "ineq", "fun": lambda pq: budget - pq.sum()}],
    options={"ftol": 1e-15, "maxiter": 1000},
)
print("constrained minimiser:", (result.x[:2] - result.x[2:]).round(4))

# %% [markdown]
# ## A prior, and the evidence
#
# A Gaussian prior of standard deviation `scale` on each weight, noise of
# standard deviation `noise`: the ridge strength they give on the diabetes
# data, and the one `BayesianRidge` learns.

# %%
data = reglit.data.diabetes()
noise, scale = 50.0, 10.0
print(
    "lambda from the prior:",
    reglit.gaussian_prior_lam(noise, scale, len(data["y"])),
)
model = BayesianRidge(
    fit_intercept=False, tol=1e-12, max_iter=10_000
).fit(data["X"], data["y"])
learned = reglit.gaussian_prior_lam(
    1 / np.sqrt(model.alpha_),
    1 / np.sqrt(model.lambda_),
    len(data["y"]),
)
n = len(data["y"])
print(f"lambda BayesianRidge learns from {n} examples: {learned:.4f}")
print(
    "its weights against reglit's ridge:",
    np.abs(
        model.coef_ - reglit.ridge(data["X"], data["y"], learned)
    ).max(),
)

# %%
reglit.figures.evidence()

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: a Gaussian prior as a strength
#
# Write `gaussian_prior_lam(noise, scale, n)`: the L2 strength whose
# minimiser is the most probable weights, for noise of standard deviation
# `noise`, a prior of standard deviation `scale` and `n` examples.


# %%
def gaussian_prior_lam(noise, scale, n):
    return None  # replace with your code


check("gaussian_prior_lam", gaussian_prior_lam)

# %% [markdown]
# {{ solution: gaussian_prior_lam }}

# %% [markdown]
# ### Exercise: a Laplace prior as a strength
#
# Write `laplace_prior_lam(noise, scale, n)`: the same for a Laplace prior
# of scale `scale` (its density falls like exp(-|w| / scale)).


# %%
def laplace_prior_lam(noise, scale, n):
    return None  # replace with your code


check("laplace_prior_lam", laplace_prior_lam)

# %% [markdown]
# {{ solution: laplace_prior_lam }}

# %% [markdown]
# ### Exercise: the most probable weights, orthonormal features
#
# Write `orthonormal_ridge(z, lam)`: under a Gaussian prior, with
# orthonormal features and least-squares weights `z`, the most probable
# weights are ridge's at strength `lam`. What are they?


# %%
def orthonormal_ridge(z, lam):
    return None  # replace with your code


check("orthonormal_ridge", orthonormal_ridge)

# %% [markdown]
# {{ solution: orthonormal_ridge }}
