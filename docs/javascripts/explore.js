/*
 * reglit: explorable figures. Every frame was drawn by reglit when the site was built, wide and
 * narrow; this script only shows the frame the slider names: it swaps the pictures' images and
 * sources (the browser fetches a frame when first chosen, in the layout the screen asks for),
 * their alt text, the slider's spoken value and the status line, which a screen reader announces.
 * Without it, the page shows the default frame and a row of small multiples.
 */
(function () {
  "use strict";
  function live(figure) {
    var frames = JSON.parse(figure.getAttribute("data-frames"));
    var control = figure.querySelector(".explore-control");
    var input = control.querySelector("input");
    var output = control.querySelector("output");
    var status = figure.querySelector(".explore-status");
    var images = figure.querySelectorAll(".explore-view img");
    var sources = figure.querySelectorAll(".explore-view source");
    function show(index) {
      var frame = frames[index];
      function framed(address) { return address.replace(/\/\d+\.svg#/, "/" + index + ".svg#"); }
      sources.forEach(function (source) { source.srcset = framed(source.getAttribute("srcset")); });
      images.forEach(function (image) {
        image.src = framed(image.getAttribute("src"));
        image.alt = frame.alt;
      });
      input.setAttribute("aria-valuetext", frame.spoken);
      output.textContent = frame.value;
      status.textContent = frame.spoken;
    }
    input.addEventListener("input", function () { show(Number(input.value)); });
    control.hidden = false;
    figure.classList.add("explore-live");
  }
  function start() { document.querySelectorAll(".reglit-explore").forEach(live); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
