/*
 * reglit's own stand-in for Web Workers on pages opened from file://.
 *
 * Chromium refuses `new Worker()` on a file:// page, which would leave the
 * site's search hidden in a downloaded copy. When the page comes from file://,
 * this script replaces `Worker` with IFrameWorker: the worker's script runs in
 * a hidden same-origin iframe, and messages pass between the two windows as
 * events. Served over http(s), it changes nothing. (The file name contains
 * "iframe-worker" so that Material's offline plugin adds no script of its own.)
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    var self = this;
    var listeners = [];
    var pending = [];
    var ready = false;

    this.onmessage = null;
    this.onerror = null;

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.title = "search worker";
    frame.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    function deliver(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof self.onmessage === "function") self.onmessage(event);
      listeners.slice().forEach(function (listener) { listener.call(self, event); });
    }

    /* Inside the frame, postMessage() answers the page instead of the frame itself. */
    scope.postMessage = function (data) { setTimeout(function () { deliver(data); }, 0); };
    scope.importScripts = function () {
      throw new Error("importScripts is not available on a file:// page");
    };

    function send(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    var script = scope.document.createElement("script");
    script.src = new URL(url, location.href).href;
    script.onload = function () {
      ready = true;
      pending.splice(0).forEach(send);
    };
    script.onerror = function (error) {
      if (typeof self.onerror === "function") self.onerror(error);
    };
    scope.document.head.appendChild(script);

    this.postMessage = function (data) {
      if (ready) setTimeout(function () { send(data); }, 0);
      else pending.push(data);
    };
    this.addEventListener = function (type, listener) {
      if (type === "message") listeners.push(listener);
    };
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (l) { return l !== listener; });
    };
    this.terminate = function () {
      frame.remove();
    };
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
