# %% [markdown]
# # Notebook: the L1 step
#
# The companion of {{ chapter: l1-step }}: a constant push
# toward zero, whatever the size of the weight.
#
# {{ formula: l1_step_penalty_only }}

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
W = np.array([10.0, 0.01, -3.0])
after = reglit.l1_step(W, lr, lam)
for start, end in zip(W.tolist(), after.tolist(), strict=True):
    print(f"{start:>5} -> {end!r:>23}   moved by {start - end!r}")

# %% [markdown]
# The sign is taken element by element:

# %%
reglit.l1_grad(np.array([[2.5, -0.1], [0.0, 7.0]]))

# %% [markdown]
# The small weight, {{ value: l1_one_step.before.small }}, does not land on
# zero: in floating point {{ value: l1_one_step.lr }} times
# {{ value: l1_one_step.lam }} is a little more than one hundredth.
# {{ check: l1_one_step.eta_lambda > 0.01 and l1_one_step.after.small < 0 }}

# %%
print(repr(after[1]), 0.1 * 0.1)

# %%
reglit.figures.l1_trajectories()

# %% [markdown]
# ## Try it
#
# Start from a weight smaller than `lr * lam`, such as {{ value: l1_one_step.before.tiny }}, and take a few
# steps. Where does it go?

# %%
W = np.array([0.004])
for _ in range(4):
    W = reglit.l1_step(W, lr, lam)
    print(W)

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the L1 step, penalty only
#
# Write `l1_penalty_step(W, lr, lam)`: one subgradient step on the L1
# penalty alone. Mind the weights that are exactly zero.
#
# {{ formula: l1_step_penalty_only }}


# %%
def l1_penalty_step(W, lr, lam):
    return None  # replace with your code


check("l1_penalty_step", l1_penalty_step)

# %% [markdown]
# {{ solution: l1_penalty_step }}

# %% [markdown]
# ### Exercise: the L1 step
#
# Write `l1_step(W, lr, lam, grad)`: one subgradient step on the data
# loss, whose gradient is `grad`, plus the L1 penalty.
#
# {{ formula: l1_step }}


# %%
def l1_step(W, lr, lam, grad):
    return None  # replace with your code


check("l1_step", l1_step)

# %% [markdown]
# {{ solution: l1_step }}
