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

matplotlib.rcParams.update(reglit.figures.style())  # the colours of the site, on white

lr, lam = 0.1, 0.1
W = np.array([10.0, 0.01, -3.0])
after = reglit.l1_step(W, lr, lam)
print("after one step:", after.tolist())
print("moved by:", (W - after).tolist())

# %% [markdown]
# The sign is taken element by element:

# %%
reglit.l1_grad(np.array([[2.5, -0.1], [0.0, 7.0]]))

# %% [markdown]
# The small weight, 0.01, does not land on zero: in floating point 0.1 times 0.1
# is a little more than 0.01.

# %%
print(repr(after[1]), 0.1 * 0.1)

# %%
reglit.figures.l1_trajectories()

# %% [markdown]
# ## Try it
#
# Start from a weight smaller than `lr * lam`, such as 0.004, and take a few
# steps. Where does it go?

# %%
W = np.array([0.004])
for _ in range(4):
    W = reglit.l1_step(W, lr, lam)
    print(W)
