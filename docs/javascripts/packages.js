/*
 * reglit: name the package by the address of the copy of the site being read.
 * The build writes reglit's wheel as ".../packages/reglit-VERSION-py3-none-any.whl" in commands
 * (code on the pages), and the site's address as SITE = "..." in each notebook's set-up cell
 * (inside its download button). This script makes both absolute, from the page's own address:
 * https:// on the hosted site, file:// in a copy opened from disk, so that a command copied from
 * either, or printed by a downloaded notebook, works as it is.
 */
(function () {
  "use strict";
  var PACKAGE = /[^\s"'\\<>]*packages\/(reglit-[\w.+-]+?\.(?:whl|tar\.gz))/g;
  var NOTEBOOK = "data:application/x-ipynb+json;base64,";
  var SITE = /SITE = \\"[^"\\]*\\"/g; // in the notebook's JSON: SITE = \"...\"

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function absolute(text, root) {
    return text.replace(PACKAGE, function (_, name) {
      return new URL("packages/" + name, root).href;
    });
  }

  function toBase64(text) {
    var bytes = new TextEncoder().encode(text), binary = "";
    for (var i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  function fromBase64(data) {
    return new TextDecoder().decode(Uint8Array.from(atob(data), function (c) { return c.charCodeAt(0); }));
  }

  function fix() {
    var root = siteRoot();
    document.querySelectorAll("code").forEach(function (code) {
      var walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) {
        PACKAGE.lastIndex = 0;
        if (PACKAGE.test(node.nodeValue)) node.nodeValue = absolute(node.nodeValue, root);
      }
    });
    document.querySelectorAll('a[href^="' + NOTEBOOK + '"]').forEach(function (link) {
      var href = link.getAttribute("href");
      var notebook = fromBase64(href.slice(NOTEBOOK.length)).replace(SITE, 'SITE = \\"' + root.href + '\\"');
      link.setAttribute("href", NOTEBOOK + toBase64(notebook));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fix);
  else fix();
})();
