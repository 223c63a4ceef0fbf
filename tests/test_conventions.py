"""Each mapping of our lambda onto another library, checked by fitting that library's estimator.

The reference is the minimiser of this site's objective, mse + lambda * penalty,
computed by reglit (and, for L2, in closed form). Each library is fitted with the
parameter reglit.conventions gives and must land on it; fitted with the factor-of-2
mistakes texts make instead, it must land visibly elsewhere, so the tests can fail.
"""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest
import torch
from sklearn.linear_model import Lasso, Ridge, SGDRegressor

import reglit

LAMS = [0.05, 0.5, 2.0]


def _regression(seed: int = 0, n: int = 200, d: int = 5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    return X, X @ rng.normal(0, 2, size=d) + rng.normal(0, 0.5, size=n)


def _ridge(X, y, lam):
    """The minimiser of (1/N) ||X w - y||^2 + lam ||w||^2."""
    n, d = X.shape
    return np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)


def _l2_fit(X, y, lam):
    lr = X.shape[0] / (2 * np.linalg.norm(X, 2) ** 2) / (1 + lam)
    return reglit.fit(X, y, loss="mse", method="l2", lr=lr, lam=lam, steps=5000).W


@pytest.mark.parametrize("lam", LAMS)
def test_reglit_l2_fit_is_the_closed_form_minimiser(lam):
    X, y = _regression()
    np.testing.assert_allclose(_l2_fit(X, y, lam), _ridge(X, y, lam), atol=1e-9)


def _sgd_regressor(X, y, alpha):
    model = SGDRegressor(
        loss="squared_error",
        penalty="l2",
        alpha=alpha,
        fit_intercept=False,
        learning_rate="constant",
        eta0=0.0005,
        average=True,  # the average of the iterates: stochastic steps, settled
        max_iter=5000,
        tol=None,
        random_state=0,
    )
    return model.fit(X, y).coef_


@pytest.mark.parametrize("lam", LAMS)
def test_sgd_regressor_with_alpha_lambda_reaches_our_minimiser(lam):
    X, y = _regression()
    ours = _ridge(X, y, lam)
    right = np.abs(_sgd_regressor(X, y, reglit.sgd_alpha(lam)) - ours).max()
    wrong = np.abs(_sgd_regressor(X, y, 2 * lam) - ours).max()  # alpha = 2 lambda, the old claim
    assert right < 1e-2 and wrong > 0.1 and wrong > 20 * right, (right, wrong)


@pytest.mark.parametrize("lam", LAMS)
def test_ridge_with_alpha_n_lambda_reaches_our_minimiser(lam):
    X, y = _regression()
    ours = _l2_fit(X, y, lam)
    alpha = reglit.ridge_alpha(lam, X.shape[0])
    np.testing.assert_allclose(Ridge(alpha=alpha, fit_intercept=False).fit(X, y).coef_, ours, atol=1e-8)
    assert np.abs(Ridge(alpha=lam, fit_intercept=False).fit(X, y).coef_ - ours).max() > 0.05


@pytest.mark.parametrize("lam", LAMS)
def test_lasso_with_alpha_half_lambda_reaches_our_minimiser(lam):
    X, y = _regression()
    lr = X.shape[0] / (2 * np.linalg.norm(X, 2) ** 2)
    ours = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam, steps=5000).W

    def lasso(alpha):
        return Lasso(alpha=alpha, fit_intercept=False, tol=1e-14, max_iter=100_000).fit(X, y).coef_

    np.testing.assert_allclose(lasso(reglit.lasso_alpha(lam)), ours, atol=1e-7)
    np.testing.assert_array_equal(lasso(reglit.lasso_alpha(lam)) == 0, ours == 0)
    assert np.abs(lasso(lam) - ours).max() > 0.01


def _torch_sgd(X, y, weight_decay, steps=3000, lr=0.05):
    """Full-batch PyTorch SGD on MSELoss (the mean squared error) with weight decay."""
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, weight_decay=weight_decay)
    loss = torch.nn.MSELoss()
    for _ in range(steps):
        optimizer.zero_grad()
        loss(Xt @ w, yt).backward()
        optimizer.step()
    return w.detach().numpy()


@pytest.mark.parametrize("lam", LAMS)
def test_torch_sgd_with_weight_decay_two_lambda_reaches_our_minimiser(lam):
    X, y = _regression()
    ours = _ridge(X, y, lam)
    np.testing.assert_allclose(_torch_sgd(X, y, reglit.torch_weight_decay(lam)), ours, atol=1e-9)
    assert np.abs(_torch_sgd(X, y, lam) - ours).max() > 0.05


def test_torch_sgd_takes_our_l2_step():
    """One PyTorch step with weight decay 2 lambda is reglit's L2 step, data gradient included."""
    X, y = _regression(1, n=30, d=4)
    W, lr, lam = np.random.default_rng(1).normal(size=4), 0.1, 0.3
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w = torch.tensor(W, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=lr, weight_decay=reglit.torch_weight_decay(lam))
    torch.nn.MSELoss()(Xt @ w, yt).backward()
    optimizer.step()
    ours = reglit.l2_step(W, lr, lam, grad=reglit.mse_grad(X, y, W))
    np.testing.assert_allclose(w.detach().numpy(), ours, rtol=1e-12)


@pytest.mark.parametrize(("lam1", "lam2"), [(0.2, 0.1), (1.0, 0.5), (0.05, 2.0)])
def test_elastic_net_with_our_alpha_and_l1_ratio_reaches_our_minimiser(lam1, lam2):
    """Its weights meet our optimality condition; with the usual slip (alpha = lam1 + lam2) they do not."""
    from sklearn.linear_model import ElasticNet

    X, y = _regression()

    def residual(alpha, l1_ratio):
        W = ElasticNet(alpha=alpha, l1_ratio=l1_ratio, fit_intercept=False, tol=1e-14, max_iter=10**6)
        W = W.fit(X, y).coef_
        grad = reglit.mse_grad(X, y, W) + lam2 * reglit.l2_grad(W)
        return reglit.kkt_residual(W, grad, lam1, "l1")

    assert residual(*reglit.elastic_net_params(lam1, lam2)) < 1e-9
    assert residual(lam1 + lam2, lam1 / (lam1 + lam2)) > 1e-3


def _classes(seed: int = 0, n: int = 120, d: int = 4, c: int = 3):
    """Overlapping classes (no separating plane), so the unpenalised minimiser exists too."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = np.argmax(X @ rng.normal(size=(d, c)) + rng.gumbel(size=(n, c)), axis=1)
    return X, y


@pytest.mark.parametrize("penalty", ["l2", "l1"])
@pytest.mark.parametrize("lam", [0.01, 0.1])
def test_logistic_regression_with_our_c_reaches_our_minimiser(penalty, lam):
    from sklearn.linear_model import LogisticRegression

    X, y = _classes()
    method = {"l2": "l2", "l1": "l1_prox"}[penalty]
    ours = reglit.fit(X, y, loss="softmax", classes=3, method=method, lr=0.5, lam=lam, tol=1e-10).W

    def theirs(C):
        options = {"l1_ratio": 1.0, "solver": "saga"} if penalty == "l1" else {"solver": "lbfgs"}
        model = LogisticRegression(C=C, fit_intercept=False, tol=1e-12, max_iter=100_000, **options)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # lbfgs reports reaching its precision limit
            return model.fit(X, y).coef_.T

    # scikit-learn's multinomial weights are ours up to a constant per feature (the softmax does not
    # see it); the penalty picks the same one for L2, and L1 both, so they compare directly
    right = theirs(reglit.logistic_c(lam, len(y), penalty))
    wrong = theirs(1 / (len(y) * lam) if penalty == "l2" else 1 / (2 * len(y) * lam))
    assert np.abs(right - ours).max() < 1e-5, np.abs(right - ours).max()
    assert np.abs(wrong - ours).max() > 1e-2


def _shifted(seed: int = 2):
    """A regression whose target and features are far from zero on average: an intercept matters."""
    X, y = _regression(seed)
    return X + np.array([1.0, -0.5, 0.0, 0.5, 1.0]), y + 40.0


@pytest.mark.parametrize("lam", LAMS)
def test_ridge_and_lasso_fitting_an_intercept_reach_our_fit_with_an_unpenalised_intercept(lam):
    X, y = _shifted()
    lr = 1 / (2 * np.linalg.norm(np.column_stack([X, np.ones(len(X))]), 2) ** 2 / len(X) + 2 * lam)
    for method, model in [
        ("l2", Ridge(alpha=reglit.ridge_alpha(lam, len(y)))),
        ("l1_prox", Lasso(alpha=reglit.lasso_alpha(lam), tol=1e-14, max_iter=100_000)),
    ]:
        ours = reglit.fit(X, y, loss="mse", method=method, lr=lr, lam=lam, intercept=True, tol=1e-12)
        theirs = model.fit(X, y)
        np.testing.assert_allclose(theirs.coef_, ours.W, atol=1e-7)
        np.testing.assert_allclose(theirs.intercept_, ours.intercept, atol=1e-6)
        # with the intercept penalised like a weight (a column of ones), the fit moves
        ones = np.column_stack([X, np.ones(len(X))])
        penalised = reglit.fit(ones, y, loss="mse", method=method, lr=lr, lam=lam, tol=1e-12)
        assert np.abs(penalised.W[:-1] - theirs.coef_).max() > 1e-2


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_logistic_regression_fitting_an_intercept_reaches_our_fit_with_an_unpenalised_intercept(penalty):
    """fit_intercept=True leaves the intercept out of the penalty, as reglit.fit(intercept=True) does."""
    from sklearn.linear_model import LogisticRegression

    X, y = _classes()
    X = X + 2.0
    lam = 0.05
    method = {"l2": "l2", "l1": "l1_prox"}[penalty]
    ours = reglit.fit(
        X, y, loss="softmax", classes=3, method=method, lr=0.2, lam=lam, tol=1e-10, intercept=True
    )
    options = {"l1_ratio": 1.0, "solver": "saga"} if penalty == "l1" else {"solver": "lbfgs"}
    model = LogisticRegression(
        C=reglit.logistic_c(lam, len(y), penalty), tol=1e-12, max_iter=100_000, **options
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
    assert np.abs(model.coef_.T - ours.W).max() < 1e-5
    # the softmax does not see a constant added to every class's intercept: compare them centred
    centred = model.intercept_ - model.intercept_.mean()
    assert np.abs(centred - (ours.intercept - ours.intercept.mean())).max() < 1e-5


def _torch_fit(X, Y, make_optimizer, steps=3000):
    """Full-batch PyTorch on MSELoss; ``make_optimizer(w, b)`` sees the weights and an intercept."""
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    w = torch.zeros((X.shape[1], *Y.shape[1:]), dtype=torch.float64, requires_grad=True)
    b = torch.zeros(Y.shape[1:], dtype=torch.float64, requires_grad=True)
    optimizer, loss = make_optimizer(w, b), torch.nn.MSELoss()
    for _ in range(steps):
        optimizer.zero_grad()
        loss(Xt @ w + b, Yt).backward()
        optimizer.step()
    return w.detach().numpy(), b.detach().numpy()


def test_torch_mse_loss_on_k_outputs_takes_weight_decay_two_lambda_over_k():
    """MSELoss averages over outputs too; our mse sums over them."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 5))
    Y = X @ rng.normal(size=(5, 4)) + rng.normal(0, 0.5, size=(200, 4))
    lam, k = 0.3, Y.shape[1]
    ours = np.linalg.solve(X.T @ X / len(X) + lam * np.eye(5), X.T @ Y / len(X))

    def weights(wd):
        return _torch_fit(X, Y, lambda w, b: torch.optim.SGD([w], lr=0.05 * k, weight_decay=wd))[0]

    np.testing.assert_allclose(weights(reglit.torch_weight_decay(lam, n_outputs=k)), ours, atol=1e-9)
    assert np.abs(weights(reglit.torch_weight_decay(lam)) - ours).max() > 0.05


def test_torch_parameter_groups_leaving_the_bias_undecayed_reach_our_fit_with_an_intercept():
    X, y = _shifted()
    lam = 0.5
    lr = 1 / (2 * np.linalg.norm(np.column_stack([X, np.ones(len(X))]), 2) ** 2 / len(X) + 2 * lam)
    ours = reglit.fit(X, y, loss="mse", method="l2", lr=lr, lam=lam, intercept=True, tol=1e-12)

    def groups(bias_decay):
        return lambda w, b: torch.optim.SGD(
            [
                {"params": [w], "weight_decay": reglit.torch_weight_decay(lam)},
                {"params": [b], "weight_decay": bias_decay},
            ],
            lr=lr,
        )

    w, b = _torch_fit(X, y, groups(0.0), steps=3000)
    np.testing.assert_allclose(w, ours.W, atol=1e-8)
    np.testing.assert_allclose(b, ours.intercept, atol=1e-8)
    w, b = _torch_fit(X, y, groups(reglit.torch_weight_decay(lam)), steps=3000)  # the bias decayed too
    assert abs(b - ours.intercept) > 1.0


def test_torch_adam_weight_decay_is_an_l2_penalty():
    """Adam adds weight_decay * W to the gradient before its scaling: at rest, the L2 fit's condition."""
    X, y = _regression()
    lam = 0.5
    ours = _ridge(X, y, lam)
    w, _ = _torch_fit(
        X, y, lambda w, b: torch.optim.Adam([w], lr=0.01, weight_decay=reglit.torch_weight_decay(lam)), 20_000
    )
    assert np.abs(w - ours).max() < 1e-5


def _keras():
    """Keras on PyTorch's backend, the one the test group installs, computing in float64."""
    os.environ["KERAS_BACKEND"] = "torch"  # read once, when keras is first imported
    import keras

    keras.config.set_floatx("float64")
    return keras


def _keras_fit(X, y, regularizer, epochs=500, lr=0.1):
    """Keras fitting one dense layer (one unit per column of ``y``), full batch, with loss="mse"."""
    keras = _keras()
    units = 1 if y.ndim == 1 else y.shape[1]
    layer = keras.layers.Dense(
        units, use_bias=False, kernel_initializer="zeros", kernel_regularizer=regularizer
    )
    model = keras.Sequential([keras.Input((X.shape[1],)), layer])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    model.fit(X, y, batch_size=len(y), epochs=epochs, verbose=0, shuffle=False)
    W = layer.kernel.value.detach().numpy()  # a torch tensor on this backend
    return W.ravel() if y.ndim == 1 else W


@pytest.mark.parametrize("lam", [0.05, 0.5])
def test_keras_l2_regularizer_takes_our_lambda_as_it_is(lam):
    """keras.regularizers.L2(l2) adds l2 * sum(W**2) to a mean loss: this site's objective exactly."""
    keras = _keras()
    X, y = _regression()
    ours = _ridge(X, y, lam)
    np.testing.assert_allclose(_keras_fit(X, y, keras.regularizers.L2(lam)), ours, atol=1e-6)
    assert np.abs(_keras_fit(X, y, keras.regularizers.L2(lam / 2)) - ours).max() > 0.01


def test_keras_l1_regularizer_takes_our_lambda_as_it_is(lam=0.5):
    """Keras takes plain subgradient steps: on a lasso with no weight at zero they settle on its minimiser."""
    keras = _keras()
    X, y = _regression()
    lr = X.shape[0] / (2 * np.linalg.norm(X, 2) ** 2)
    ours = reglit.fit(X, y, loss="mse", method="l1_prox", lr=lr, lam=lam)

    def gap(W):
        return reglit.mse(X, y, W) + lam * reglit.l1_penalty(W) - ours.objective

    right = _keras_fit(X, y, keras.regularizers.L1(lam), epochs=300, lr=0.1)
    wrong = _keras_fit(X, y, keras.regularizers.L1(lam / 2), epochs=300, lr=0.1)
    assert np.count_nonzero(ours.W) == len(ours.W)  # no weight at the kink: plain steps settle there
    assert np.abs(right - ours.W).max() < 1e-5 and gap(right) < 1e-9 * ours.objective
    assert gap(wrong) > 100 * gap(right)


@pytest.mark.parametrize("optimizer", ["Adam", "AdamW"])
def test_the_decoupled_decay_experiment_steps_as_pytorch_does(optimizer):
    """The experiment's Adam and AdamW are PyTorch's: the same weights after 2000 steps on diabetes."""
    from reglit.experiments import _adam

    d = reglit.data.diabetes()
    wd, lr, steps = 0.1, 0.05, 2000
    theirs, _ = _torch_fit(
        d["X"], d["y"], lambda w, b: getattr(torch.optim, optimizer)([w], lr=lr, weight_decay=wd), steps
    )
    ours = _adam(d["X"], d["y"], weight_decay=wd, lr=lr, steps=steps, decoupled=optimizer == "AdamW")
    np.testing.assert_allclose(ours, theirs, atol=1e-10)


def test_keras_mse_on_k_outputs_takes_lambda_over_k():
    """Keras' "mse" averages over the outputs too, as PyTorch's MSELoss does; our mse sums over them."""
    keras = _keras()
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 5))
    Y = X @ rng.normal(size=(5, 3)) + rng.normal(0, 0.5, size=(200, 3))
    lam, k = 0.3, Y.shape[1]
    ours = np.linalg.solve(X.T @ X / len(X) + lam * np.eye(5), X.T @ Y / len(X))
    np.testing.assert_allclose(_keras_fit(X, Y, keras.regularizers.L2(lam / k), lr=0.3), ours, atol=1e-6)
    assert np.abs(_keras_fit(X, Y, keras.regularizers.L2(lam), lr=0.3) - ours).max() > 0.05


def test_keras_leaves_the_bias_unpenalised_without_a_bias_regularizer():
    keras = _keras()
    X, y = _shifted()
    lam = 0.5
    lr = 1 / (2 * np.linalg.norm(np.column_stack([X, np.ones(len(X))]), 2) ** 2 / len(X) + 2 * lam)
    ours = reglit.fit(X, y, loss="mse", method="l2", lr=lr, lam=lam, intercept=True, tol=1e-12)
    layer = keras.layers.Dense(1, kernel_initializer="zeros", kernel_regularizer=keras.regularizers.L2(lam))
    model = keras.Sequential([keras.Input((X.shape[1],)), layer])
    model.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    model.fit(X, y, batch_size=len(y), epochs=1000, verbose=0, shuffle=False)
    np.testing.assert_allclose(layer.kernel.value.detach().numpy().ravel(), ours.W, atol=1e-6)
    assert abs(float(layer.bias.value.detach().numpy()[0]) - ours.intercept) < 1e-6


ROWS = {
    "scikit-learn `Ridge(alpha=a)`": [test_ridge_with_alpha_n_lambda_reaches_our_minimiser],
    "scikit-learn `Lasso(alpha=a)`": [test_lasso_with_alpha_half_lambda_reaches_our_minimiser],
    "scikit-learn `ElasticNet(alpha=a, l1_ratio=r)`": [
        test_elastic_net_with_our_alpha_and_l1_ratio_reaches_our_minimiser
    ],
    "scikit-learn `SGDRegressor(alpha=a)`": [test_sgd_regressor_with_alpha_lambda_reaches_our_minimiser],
    "scikit-learn `LogisticRegression(C=c)`": [test_logistic_regression_with_our_c_reaches_our_minimiser],
    'scikit-learn `LogisticRegression(C=c, l1_ratio=1, solver="saga")`': [
        test_logistic_regression_with_our_c_reaches_our_minimiser
    ],
    "PyTorch `SGD(weight_decay=wd)`, `MSELoss`": [
        test_torch_sgd_with_weight_decay_two_lambda_reaches_our_minimiser,
        test_torch_sgd_takes_our_l2_step,
    ],
    "PyTorch `SGD`, `MSELoss` on K outputs": [
        test_torch_mse_loss_on_k_outputs_takes_weight_decay_two_lambda_over_k
    ],
    "PyTorch `Adam(weight_decay=wd)`": [test_torch_adam_weight_decay_is_an_l2_penalty],
    "PyTorch `AdamW(weight_decay=wd)`": [test_the_decoupled_decay_experiment_steps_as_pytorch_does],
    "PyTorch, parameter groups": [
        test_torch_parameter_groups_leaving_the_bias_undecayed_reach_our_fit_with_an_intercept
    ],
    'Keras `regularizers.L2(l2)`, `loss="mse"`': [test_keras_l2_regularizer_takes_our_lambda_as_it_is],
    'Keras `regularizers.L1(l1)`, `loss="mse"`': [test_keras_l1_regularizer_takes_our_lambda_as_it_is],
    'Keras, `loss="mse"` on K outputs': [test_keras_mse_on_k_outputs_takes_lambda_over_k],
}
"""Each row of the site's convention table -> the tests that fit that library with the row's parameter."""


def test_every_row_of_the_convention_table_is_a_test_that_fits_the_library():
    from pathlib import Path

    page = Path(__file__).resolve().parents[1] / "docs" / "chapters" / "libraries.md"
    table = page.read_text(encoding="utf-8").split("## One table", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines() if line.startswith("| ")]
    assert rows[0] == "library and parameter"
    assert rows[1:] == list(ROWS), "the table's rows and the tests that back them differ"
    assert all(
        callable(test) and test.__name__.startswith("test_") for tests in ROWS.values() for test in tests
    )
