# %% [markdown]
# # Notebook: the L2 and L1 penalties
#
# The companion of {{ chapter: penalties }}. Every number and figure
# below is computed by `reglit`; change the weights and run the cells again.
#
# {{ formula: l2_penalty }}
#
# {{ formula: l1_penalty }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.experiments
import reglit.explorables
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

w_one = np.array([1.0, 0.0, 0.0, 0.0])
w_spread = np.full(4, 0.25)
x = np.ones(4)
print("scores:", w_one @ x, w_spread @ x)
print(
    "L2 penalties:",
    reglit.l2_penalty(w_one),
    reglit.l2_penalty(w_spread),
)
print(
    "L1 penalties:",
    reglit.l1_penalty(w_one),
    reglit.l1_penalty(w_spread),
)

# %% [markdown]
# A penalty measures how far the weights are from zero: the L1 penalty is the
# L1 distance to zero, the L2 penalty the square of the L2 distance.

# %%
print(reglit.l1_penalty(w_spread), reglit.l1_distance(w_spread, 0))
print(reglit.l2_penalty(w_spread), reglit.l2_distance(w_spread, 0) ** 2)

# %%
reglit.figures.penalty_and_gradient()

# %%
reglit.explorables.penalty_geometry()

# %% [markdown]
# The chapter moves lambda through
# `reglit.explorables.EXPLORABLES["penalty_geometry"].values`;
# draw another, say `reglit.explorables.penalty_geometry(2.5)`.

# %% [markdown]
# ## Try it
#
# Find two weight vectors with the same score on `x` and the same L1 penalty but
# different L2 penalties. Which one does L2 prefer?

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the gradient of the L2 penalty
#
# Write `l2_grad(W)`, the gradient of the L2 penalty, element by
# element.
#
# {{ formula: l2_grad }}


# %%
def l2_grad(W):
    return None  # replace with your code


check("l2_grad", l2_grad)

# %% [markdown]
# {{ solution: l2_grad }}

# %% [markdown]
# ### Exercise: the gradient of the L1 penalty
#
# Write `l1_grad(W)`: the sign of each weight, with the sign of 0
# taken as 0.
#
# {{ formula: l1_grad }}


# %%
def l1_grad(W):
    return None  # replace with your code


check("l1_grad", l1_grad)

# %% [markdown]
# {{ solution: l1_grad }}
