/*
 * reglit: two accessibility fixes Material's templates leave open.
 * - The search overlay has role="dialog" but no name: give it one.
 * - Scrollable areas (notebook code, wide tables) must be reachable from the keyboard.
 */
(function () {
  "use strict";
  function fix() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
    document.querySelectorAll(".jupyter-wrapper pre, .md-typeset__scrollwrap").forEach(function (block) {
      if (!block.hasAttribute("tabindex")) block.setAttribute("tabindex", "0");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
  else fix();
})();
