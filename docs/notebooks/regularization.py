# %% [markdown]
# # Notebook: what regularization is
#
# The companion of {{ chapter: regularization }}. It fits fourteen
# noisy points of a sine with twelve flexible basis functions, at several
# strengths, and measures the error on the training points and on fresh points.
# Every number is computed here by `reglit`: change the strengths and run again.
#
# The full loss is the data loss plus lambda times the penalty:
#
# {{ formula: full_loss_l2 }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.experiments
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

print(reglit.regularized_loss(1.5, [1.0, -2.0], lam=0.1, penalty="l2"))

# %% [markdown]
# The experiment behind the chapter's figure. Training error rises with lambda;
# validation error falls, then rises.
# {{ check: increasing(tradeoff.train) and decreasing(tradeoff.val[: argmin(tradeoff.val) + 1]) and increasing(tradeoff.val[argmin(tradeoff.val) :]) }}

# %%
run = reglit.experiments.tradeoff()
for lam, train, val in zip(
    run["lams"], run["train"], run["val"], strict=True
):
    print(
        f"lambda {lam:8.4f}  training {train:.4f}  validation {val:.4f}"
    )
print("best lambda on validation:", run["best"]["lam"])

# %%
reglit.figures.tradeoff()

# %% [markdown]
# ## Try it
#
# Fit the same kind of model yourself. Change `lam` (and `lr`, keeping it small
# enough for the descent to be stable) and watch the training error move.

# %%
rng = np.random.default_rng(1)
x = np.sort(rng.uniform(0, 1, 14))
y = np.sin(2 * np.pi * x) + rng.normal(0, 0.3, 14)
X = np.exp(
    -((x[:, None] - np.linspace(0, 1, 12)[None, :]) ** 2)
    / (2 * 0.08**2)
)

lam, lr = 0.03, 0.05
result = reglit.fit(X, y, loss="mse", method="l2", lr=lr, lam=lam)
print("training error:", reglit.mse(X, y, result.W))
print("full loss at the end:", result.objective)
print(f"{result.steps} steps; the minimiser:", result.converged)

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the L2 penalty
#
# Write `l2_penalty(W)`: the sum of the squares of all the weights,
# with no one-half in front.
#
# {{ formula: l2_penalty }}


# %%
def l2_penalty(W):
    return None  # replace with your code


check("l2_penalty", l2_penalty)

# %% [markdown]
# {{ solution: l2_penalty }}

# %% [markdown]
# ### Exercise: the full loss
#
# Write `full_loss(losses, W, lam)`: the average of the per-example
# losses `losses`, plus `lam` times the L2 penalty of `W`. (reglit's own
# `regularized_loss` takes the data loss already averaged, and the
# penalty's name.)
#
# {{ formula: full_loss_l2 }}


# %%
def full_loss(losses, W, lam):
    return None  # replace with your code


check("full_loss", full_loss)

# %% [markdown]
# {{ solution: full_loss }}
