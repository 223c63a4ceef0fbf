"""The experiments' numbers for one build: computed once (or read from the cache), certified, looked up.

An experiment that presents certified fits is checked against the independent
solvers of [`sitebuild.certificates`][sitebuild.certificates] the first time a
page uses it; a fit that is not the minimiser stops the build, naming it and
lambda. Pages reach the numbers through ``{{ value: ... }}`` and
``{{ check: ... }}`` ([`sitebuild.directives`][sitebuild.directives]).
"""

from __future__ import annotations

import html
import warnings
from typing import Any

from reglit.experiments import EXPERIMENTS
from reglit.train import ConvergenceWarning
from sitebuild import certificates, claims
from sitebuild.cache import SHARED, DiskCache, fingerprint


class ResultError(ValueError):
    """A value or claim that cannot be read, a false claim, or a fit that is not the minimiser."""


class Results:
    """Experiment name -> its results, for one build, with their certificates."""

    def __init__(self, cache: DiskCache):
        self.cache = cache
        self.computed: dict[str, Any] = {}
        self.certified: dict[str, dict] = {}
        self._lock = SHARED  # keying an experiment reads code, and a notebook page's checks read experiments

    def prepare(self) -> None:
        """Compute (or read) and certify every experiment now, ahead of the pages that use them."""
        for name in EXPERIMENTS:
            self.experiment(name)

    def experiment(self, name: str) -> Any:
        """The results of an experiment, computed once per build (or read from the cache), certified."""
        if name not in EXPERIMENTS:
            raise KeyError(f"unknown experiment {name!r}; known: {', '.join(EXPERIMENTS)}")
        with self._lock:
            return self._experiment(name)

    def _experiment(self, name: str) -> Any:
        if name not in self.computed:
            with warnings.catch_warnings():
                warnings.simplefilter("error", ConvergenceWarning)  # a fit that stopped short stops the build
                results = self.cache.json("values", name, fingerprint(EXPERIMENTS[name]), EXPERIMENTS[name])
            if "certified" in results:
                key = fingerprint(EXPERIMENTS[name], certificates.certify)
                try:
                    self.certified[name] = self.cache.json(
                        "certificates", name, key, lambda: certificates.certify(name, results)
                    )
                except certificates.CertificateError as error:
                    raise ResultError(str(error)) from None
            self.computed[name] = results
        return self.computed[name]

    def keep(self, results: dict[str, Any]) -> None:
        """Cache results computed elsewhere (by the processes that drew the figures), as if computed here."""
        for name, result in results.items():
            self.cache.json("values", name, fingerprint(EXPERIMENTS[name]), lambda result=result: result)

    def receipt(self, name: str) -> str:
        """The receipt printed beside an experiment: its fits converged, and another solver agrees."""
        self.experiment(name)
        if name not in self.certified:
            raise KeyError(f"experiment {name!r} presents no certified fits")
        return (
            f'\n<p class="reglit-certificate">{html.escape(certificates.receipt(self.certified[name]))}</p>\n'
        )

    def value(self, path: str) -> str:
        """A computed number, formatted for prose: ``experiment.key.key[:format]``.

        A key that is a whole number indexes a list, from its end when negative.
        """
        path, _, spec = path.partition(":")
        name, *keys = path.strip().split(".")
        result = self.experiment(name)
        for key in keys:
            if (
                isinstance(result, list)
                and key.lstrip("-").isdigit()
                and -len(result) <= int(key) < len(result)
            ):
                result = result[int(key)]
            elif isinstance(result, dict) and key in result:
                result = result[key]
            else:
                raise KeyError(f"{path!r}: no key {key!r}")
        if isinstance(result, bool) or not isinstance(result, (int, float)):
            raise KeyError(f"{path!r} is not a number")
        return format(result, spec.strip() or ("d" if isinstance(result, int) else ".6g"))

    def check(self, expression: str, where: str, sentence: str) -> None:
        """Nothing, if the claim's check holds; otherwise ``ResultError``, quoting the claim."""
        try:
            true = claims.holds(expression, self.experiment, set(EXPERIMENTS))
        except claims.ClaimError as error:
            raise ResultError(f'{where}: the claim "{sentence}": {error}') from None
        if not true:
            raise ResultError(f'{where}: the claim "{sentence}" does not hold: `{expression}` is false')
