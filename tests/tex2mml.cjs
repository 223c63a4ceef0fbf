// MathJax's own TeX-to-MathML (npm @mathjax/src, pinned in package.json), for the test suite to
// compare the site's MathML with. Reads [[tex, display], ...] as JSON on stdin; writes the
// MathML strings as a JSON array on stdout.
const {mathjax} = require("@mathjax/src/js/mathjax.js");
const {TeX} = require("@mathjax/src/js/input/tex.js");
const {liteAdaptor} = require("@mathjax/src/js/adaptors/liteAdaptor.js");
const {RegisterHTMLHandler} = require("@mathjax/src/js/handlers/html.js");
const {SerializedMmlVisitor} = require("@mathjax/src/js/core/MmlTree/SerializedMmlVisitor.js");
const {STATE} = require("@mathjax/src/js/core/MathItem.js");
require("@mathjax/src/js/input/tex/base/BaseConfiguration.js");
require("@mathjax/src/js/input/tex/ams/AmsConfiguration.js");
// Text macros, as the site's MathJax (quickjax) loads them: \text{l1\_ratio} writes an underscore.
require("@mathjax/src/js/input/tex/textmacros/TextMacrosConfiguration.js");

RegisterHTMLHandler(liteAdaptor());
const document = mathjax.document("", {InputJax: new TeX({packages: ["base", "ams", "textmacros"]})});
const visitor = new SerializedMmlVisitor();
const formulas = JSON.parse(require("fs").readFileSync(0, "utf8"));
const converted = formulas.map(([tex, display]) =>
  visitor.visitTree(document.convert(tex, {display, end: STATE.CONVERT})));
process.stdout.write(JSON.stringify(converted));
