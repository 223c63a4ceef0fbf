# %% [markdown]
# # Notebook: beyond the source
#
# The companion of {{ chapter: beyond }}: step sizes, elastic net
# and other libraries' conventions.
#
# {{ formula: l2_step_penalty_only }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.explorables
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

lam = 0.1
for eta_lambda in (0.1, 0.5, 0.8, 1.1):
    lr = eta_lambda / lam
    W = np.array([1.0])
    path = [W[0]]
    for _ in range(5):
        W = reglit.l2_step(W, lr, lam)
        path.append(W[0])
    print(
        f"lr lam = {eta_lambda}: "
        + "  ".join(f"{w: .3f}" for w in path)
    )

# %%
reglit.explorables.step_regimes(0.75)

# %% [markdown]
# Elastic net mixes both penalties:
#
# {{ formula: elastic_net_penalty }}

# %%
print(reglit.elastic_net_penalty([1.0, -2.0], lam1=0.5, lam2=0.1))

# %% [markdown]
# Our lambda in other libraries' terms:

# %%
lam, n = 0.1, 100
print("PyTorch weight_decay:", reglit.torch_weight_decay(lam))
print("SGDRegressor alpha:  ", reglit.sgd_alpha(lam))
print("Ridge alpha:         ", reglit.ridge_alpha(lam, n))
print("Lasso alpha:         ", reglit.lasso_alpha(lam))

# %% [markdown]
# ## Try it
#
# Find the largest `lr` for which the L2 step still shrinks every weight without
# flipping its sign, when `lam` is 0.3.

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the elastic net penalty
#
# Write `elastic_net_penalty(W, lam1, lam2)`: `lam1` times the L1
# penalty plus `lam2` times the L2 penalty.
#
# {{ formula: elastic_net_penalty }}


# %%
def elastic_net_penalty(W, lam1, lam2):
    return None  # replace with your code


check("elastic_net_penalty", elastic_net_penalty)

# %% [markdown]
# {{ solution: elastic_net_penalty }}

# %% [markdown]
# ### Exercise: our lambda in PyTorch
#
# Write `torch_weight_decay(lam)`: the `weight_decay` to give
# PyTorch's `SGD` so that it takes the same steps as our L2 penalty
# with strength `lam`.
#
# {{ formula: torch_weight_decay }}


# %%
def torch_weight_decay(lam):
    return None  # replace with your code


check("torch_weight_decay", torch_weight_decay)

# %% [markdown]
# {{ solution: torch_weight_decay }}
