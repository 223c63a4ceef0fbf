# %% [markdown]
# # Notebook: lambda in other libraries
#
# The companion of {{ chapter: libraries }}: this site's strength in
# scikit-learn's, PyTorch's and Keras' terms, and an elastic net fitted by
# scikit-learn and checked in this site's terms.
#
# {{ formula: elastic_net_alpha }}
#
# {{ formula: logistic_c }}

# %%
# %matplotlib inline
import matplotlib
import numpy as np
import reglit
import reglit.data
import reglit.figures
from reglit.exercises import check
from sklearn.linear_model import ElasticNet

# the colours of the site, on white; arrays printed to fit the page
matplotlib.rcParams.update(reglit.figures.style())
np.set_printoptions(precision=3, linewidth=66)

lam, n = 0.1, 100
print("Ridge alpha:         ", reglit.ridge_alpha(lam, n))
print("Lasso alpha:         ", reglit.lasso_alpha(lam))
print("SGDRegressor alpha:  ", reglit.sgd_alpha(lam))
print("LogisticRegression C:", reglit.logistic_c(lam, n))
print("PyTorch weight_decay:", reglit.torch_weight_decay(lam))
print("  ... with 4 outputs:", reglit.torch_weight_decay(lam, 4))
print("Keras L2(l2):         ", lam)

# %% [markdown]
# ## An elastic net, checked in this site's terms
#
# scikit-learn's `ElasticNet` with the converted `alpha` and `l1_ratio`,
# on the diabetes data. At the minimiser of this site's objective (mean
# squared error plus `lam1` times the L1 penalty plus `lam2` times the L2
# penalty) the optimality residual is zero. Change `lam1` and `lam2`.

# %%
data = reglit.data.diabetes()
X, y = data["X"], data["y"]
lam1, lam2 = 2.0, 0.5
alpha, l1_ratio = reglit.elastic_net_params(lam1, lam2)
model = ElasticNet(
    alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-12
)
W = model.fit(X, y).coef_
grad = reglit.mse_grad(X, y, W) + lam2 * reglit.l2_grad(W)
print("weights:", W)
print("residual:", reglit.kkt_residual(W, grad, lam1, "l1"))

# %% [markdown]
# ## What weight decay adds
#
# The L2 penalty and its gradient, 2 W: PyTorch's `SGD` and `Adam` add
# `weight_decay * W` to the gradient, so `weight_decay` is twice lambda.

# %%
reglit.figures.penalty_and_gradient()

# %% [markdown]
# ## Exercises
#
# Write each function below, then run its cell: `check` calls it on many
# inputs, simplest first, and shows the first one where your answer differs
# from `reglit`'s. The solution is folded under each exercise.

# %% [markdown]
# ### Exercise: the elastic net's parameters
#
# Write `elastic_net_params(lam1, lam2)`: the `alpha` and `l1_ratio`, as a
# pair, with which scikit-learn's `ElasticNet` minimises this site's mean
# squared error plus `lam1` times the L1 penalty plus `lam2` times the L2
# penalty.


# %%
def elastic_net_params(lam1, lam2):
    return None  # replace with your code


check("elastic_net_params", elastic_net_params)

# %% [markdown]
# {{ solution: elastic_net_params }}

# %% [markdown]
# ### Exercise: C for logistic regression
#
# Write `logistic_c(lam, n)`: the `C` with which scikit-learn's
# `LogisticRegression` (L2 penalty, no intercept) minimises this site's
# mean cross-entropy over `n` examples plus `lam` times the L2 penalty.


# %%
def logistic_c(lam, n):
    return None  # replace with your code


check("logistic_c", logistic_c)

# %% [markdown]
# {{ solution: logistic_c }}
