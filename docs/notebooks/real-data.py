# %% [markdown]
# # Notebook: regularization on real data
#
# The companion of {{ chapter: real-data }}: a softmax classifier
# on the handwritten digits that ship with scikit-learn, trained by `reglit`
# on 60 images and scored on 600 validation images. Change `lam` and `method` below and run
# again.
#
# {{ formula: softmax_cross_entropy }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.experiments
import reglit.explorables
import reglit.figures
from reglit.exercises import check

# the colours of the site, on white
matplotlib.rcParams.update(reglit.figures.style())

split = reglit.data.digits(n_train=60)
Xt, yt, Xv, yv = (
    split["X_train"],
    split["y_train"],
    split["X_val"],
    split["y_val"],
)
print("training:", Xt.shape, "validation:", Xv.shape)


def scores(W):
    accuracy = np.mean(np.argmax(Xv @ W, axis=1) == yv)
    loss = reglit.softmax_cross_entropy(Xv, yv, W)
    return f"validation accuracy {accuracy:.3f}, loss {loss:.3f}"


# %% [markdown]
# ## Try it

# %%
# method: "l2" or "l1_prox" run to their minimiser; "none" (which has
# none on these separable images) and "l1" (subgradient steps, which
# never certify one) need a step count: steps=1500
lam, method, steps = 0.001, "l2", None
result = reglit.fit(
    Xt,
    yt,
    loss="softmax",
    method=method,
    lr=0.5,
    lam=lam,
    classes=10,
    steps=steps,
)
print(method, lam, scores(result.W))
print(
    f"exact zeros {np.mean(result.W == 0):.0%},",
    f"{result.steps} steps, residual {result.residual:.1e},",
    "minimiser" if result.converged else "not a minimiser",
)

# %% [markdown]
# ## The sweep behind the chapter

# %%
sweep = reglit.experiments.digits_sweep()
for method in ("l2", "l1_prox"):
    best = sweep["best"][method]
    print(f"best {method}: lambda {best['lam']:.1e}")
    loss, accuracy = best["test_loss"], best["test_acc"]
    print(f"  test loss {loss:.3f}, test accuracy {accuracy:.3f}")

# %%
reglit.figures.digits_sweep()

# %%
reglit.explorables.digits_weights()

# %% [markdown]
# The chapter's third figure, the regularization path, is
# `reglit.figures.digits_path()`: run it in a cell of your own (it is
# left out here to keep this page light).

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first (for a formula, the edge cases the site's own
# formula check uses), and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the data loss of the classifier
#
# Write `softmax_cross_entropy(X, y, W)`: the average over examples of
# minus the log of the softmax probability of the right class.
# Subtracting each row's largest score before the exponential keeps it
# from overflowing and changes nothing else.
#
# {{ formula: softmax_cross_entropy }}


# %%
def softmax_cross_entropy(X, y, W):
    return None  # replace with your code


check("softmax_cross_entropy", softmax_cross_entropy)

# %% [markdown]
# {{ solution: softmax_cross_entropy }}

# %% [markdown]
# ### Exercise: choosing lambda on a validation split
#
# Write `choose_lambda(X_train, y_train, X_val, y_val, lams)`: for
# each `lam` in `lams`, fit ridge regression on the training split
# with `reglit.fit(X_train, y_train, loss="mse", method="l2", lr=0.05,
# lam=lam, steps=100)`, measure the mean squared error of its weights
# `.W` on the validation split, and return the `lam` with the lowest.
# The checker gives it small regression problems of its own, where too
# little and too much regularization both do worse.


# %%
def choose_lambda(
    X_train, y_train, X_val, y_val, lams
): ...  # your code here


check("choose_lambda", choose_lambda)

# %% [markdown]
# {{ solution: choose_lambda }}
