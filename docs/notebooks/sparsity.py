# %% [markdown]
# # Notebook: why L1 gives exact zeros
#
# The companion of {{ chapter: sparsity }}: subgradient steps hop
# across zero, proximal steps stop on it.
# {{ check: np.allclose(near_zero.subgradient[3:], 0.005 * (-1) ** np.arange(len(near_zero.subgradient) - 3)) and all(near_zero.proximal[4:] == 0) }}
#
# {{ formula: soft_threshold }}
#
# {{ formula: l1_prox_step }}

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

lr, lam = 0.1, 0.1
sub = prox = np.array([0.035])
print("step  subgradient  proximal")
for step in range(1, 9):
    sub, prox = (
        reglit.l1_step(sub, lr, lam),
        reglit.l1_prox_step(prox, lr, lam),
    )
    print(f"{step:4d}  {sub[0]: 11.4f}  {prox[0]: 8.4f}")

# %%
reglit.figures.near_zero()

# %% [markdown]
# The experiment with a data loss: {{ value: sparsity.d }} weights,
# {{ value: sparsity.nonzero_true }} truly nonzero.

# %%
run = reglit.experiments.sparsity()
for method in ("l2", "l1", "l1_prox"):
    print(
        f"{method:8s} exact zeros {run[method]['zeros']:2d}"
        f"  below 0.001 {run[method]['tiny']:2d}"
    )

# %%
reglit.figures.sparsity()

# %% [markdown]
# ## Try it
#
# Fit your own sparse problem. Change `lam` and count the exact zeros.

# %%
rng = np.random.default_rng(3)
X = rng.normal(size=(50, 20))
y = X[:, 0] * 3 - X[:, 1] * 2 + rng.normal(0, 0.5, 50)
lam = 0.5
# subgradient steps never reach the minimiser: they stop at 1500 steps
for method, steps in (("l1", 1500), ("l1_prox", None)):
    result = reglit.fit(
        X, y, loss="mse", method=method, lr=0.01, lam=lam, steps=steps
    )
    print(
        method,
        "exact zeros:",
        result.zeros[-1],
        "minimiser:",
        result.converged,
    )

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: soft-thresholding
#
# Write `soft_threshold(W, t)`: move each weight `t` toward zero, and
# stop at zero: a weight within `t` of zero becomes exactly zero.
#
# {{ formula: soft_threshold }}


# %%
def soft_threshold(W, t):
    return None  # replace with your code


check("soft_threshold", soft_threshold)

# %% [markdown]
# {{ solution: soft_threshold }}

# %% [markdown]
# ### Exercise: the proximal L1 step
#
# Write `l1_prox_step(W, lr, lam, grad)`: a gradient step on the data
# loss, then soft-thresholding by `lr * lam` (your `soft_threshold`
# above will do).
#
# {{ formula: l1_prox_step }}


# %%
def l1_prox_step(W, lr, lam, grad):
    return None  # replace with your code


check("l1_prox_step", l1_prox_step)

# %% [markdown]
# {{ solution: l1_prox_step }}
