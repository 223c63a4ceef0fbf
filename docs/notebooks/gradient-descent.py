# %% [markdown]
# # Notebook: regularization in gradient descent
#
# The companion of {{ chapter: gradient-descent }}: the L2 step,
# one step at a time and over many.
#
# {{ formula: l2_step_penalty_only }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

lr, lam = 0.1, 0.1
W = np.array([10.0, 0.01])
after = reglit.l2_step(W, lr, lam)
print("factor 1 - 2 lr lam:", 1 - 2 * lr * lam)
print("after one step:", after.tolist())
print("lost:", (W - after).tolist())
print("share lost:", ((W - after) / W).tolist())

# %% [markdown]
# Many steps: both weights shrink by the same factor each time, so on a log
# scale they fall along parallel lines, and neither reaches zero.
# {{ check: np.allclose(trajectories.l2[:, 0] / trajectories.l2[:, 1], 1000) and np.all(trajectories.l2 > 0) }}

# %%
for step in range(1, 1201):
    W = reglit.l2_step(W, lr, lam)
    if step in (1, 10, 100, 1200):
        print(f"after {step:4d} steps: {W[0]:.6g} and {W[1]:.6g}")

# %%
reglit.figures.l2_trajectories()

# %% [markdown]
# ## Try it
#
# Change `lr` and `lam` above. What happens when their product is 0.5? When it
# is 0.8? The answer is in {{ chapter: beyond }}.

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the L2 step, penalty only
#
# Write `l2_penalty_step(W, lr, lam)`: one gradient step on the L2
# penalty alone.
#
# {{ formula: l2_step_penalty_only }}


# %%
def l2_penalty_step(W, lr, lam):
    return None  # replace with your code


check("l2_penalty_step", l2_penalty_step)

# %% [markdown]
# {{ solution: l2_penalty_step }}

# %% [markdown]
# ### Exercise: the L2 step
#
# Write `l2_step(W, lr, lam, grad)`: one step on the data loss, whose
# gradient is `grad`, plus the L2 penalty.
#
# {{ formula: l2_step }}


# %%
def l2_step(W, lr, lam, grad):
    return None  # replace with your code


check("l2_step", l2_step)

# %% [markdown]
# {{ solution: l2_step }}
