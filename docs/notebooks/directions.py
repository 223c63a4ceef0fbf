# %% [markdown]
# # Notebook: ridge, direction by direction
#
# The companion of {{ chapter: directions }}: the shrink factors and the
# effective degrees of freedom of the diabetes data, computed by `reglit`,
# and early-stopped gradient descent beside ridge.
#
# {{ formula: shrink_factors }}
#
# {{ formula: degrees_of_freedom }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.explorables
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white; arrays printed to fit the page
matplotlib.rcParams.update(reglit.figures.style())
np.set_printoptions(precision=3, linewidth=66)

data = reglit.data.diabetes()
X, y = data["X"], data["y"]
lam = 1.0
print(f"shrink factors at lambda {lam}, strongest direction first:")
print(reglit.shrink_factors(X, lam))
print(
    "effective degrees of freedom:",
    round(reglit.degrees_of_freedom(X, lam), 3),
)

# %% [markdown]
# The chapter's figure, at its default strength.

# %%
reglit.explorables.shrink_factors()

# %% [markdown]
# The ridge weights computed direction by direction are the minimiser: the
# gradient of the mean squared error plus the penalty vanishes there.

# %%
W = reglit.ridge(X, y, lam)
gradient = 2 / len(y) * X.T @ (X @ W - y) + 2 * lam * W
print(
    "largest gradient entry at the SVD ridge:", np.abs(gradient).max()
)

# %% [markdown]
# ## Early stopping
#
# Plain descent from zero for `steps` steps, at the learning rate that never
# overshoots, against ridge at the strength those steps resemble.

# %%
steps = 100
lr = 1 / reglit.curvatures(X).max()
stopped = reglit.fit(
    X, y, loss="mse", method="none", lr=lr, lam=0.0, steps=steps
).W
resembled = reglit.step_count_lam(lr, steps)
print(f"{steps} steps resemble lambda = {resembled:.4f}")
for label, values in (
    ("early-stopped weights", stopped),
    ("ridge at that lambda", reglit.ridge(X, y, resembled)),
    (
        "shares kept by descent",
        reglit.early_stopping_factors(X, lr, steps),
    ),
    ("shares kept by ridge", reglit.shrink_factors(X, resembled)),
):
    print(f"{label}:")
    print(values)

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the shrink factors
#
# Write `shrink_factors(X, lam)`: the share ridge keeps along each
# direction of `X`, strongest first. `np.linalg.svd(X, compute_uv=False)`
# gives the singular values; a direction whose singular value NumPy counts
# as zero (below its rank tolerance) keeps nothing.


# %%
def shrink_factors(X, lam):
    return None  # replace with your code


check("shrink_factors", shrink_factors)

# %% [markdown]
# {{ solution: shrink_factors }}

# %% [markdown]
# ### Exercise: effective degrees of freedom
#
# Write `degrees_of_freedom(X, lam)`: the number of parameters ridge at
# strength `lam` effectively uses on the data `X`.


# %%
def degrees_of_freedom(X, lam):
    return None  # replace with your code


check("degrees_of_freedom", degrees_of_freedom)

# %% [markdown]
# {{ solution: degrees_of_freedom }}

# %% [markdown]
# ### Exercise: the strength a step count resembles
#
# Write `step_count_lam(lr, steps)`: the L2 strength that `steps` steps of
# gradient descent at learning rate `lr`, started from zero, resemble.


# %%
def step_count_lam(lr, steps):
    return None  # replace with your code


check("step_count_lam", step_count_lam)

# %% [markdown]
# {{ solution: step_count_lam }}
