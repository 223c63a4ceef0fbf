/*
 * reglit: search on demand, and search that works from file://.
 *
 * 1. On demand. Material for MkDocs starts its search worker and downloads the
 *    search index (the largest file a page would load) as soon as a page opens.
 *    Here both wait until the reader first reaches for search: focusing the
 *    search box, by click or by its keyboard shortcut. A page opened with a
 *    search term in its address (?q= or ?h=) starts search at once.
 * 2. From file://. Chromium refuses `new Worker()` on a page opened from disk,
 *    which would leave search hidden in a downloaded copy. There the worker's
 *    script runs in a hidden same-origin iframe instead (IFrameWorker), and
 *    messages pass between the two windows as events.
 *
 * mkdocs.yml lists it as "search.js#replaces-iframe-worker": Material's offline
 * plugin looks for "iframe-worker" among the scripts and then adds none of its own.
 */
(function () {
  "use strict";

  var NativeWorker = window.Worker;
  var fromDisk = location.protocol === "file:";
  var started = false;
  var waiting = [];

  function whenSearchStarts(callback) {
    if (started) callback();
    else waiting.push(callback);
  }

  function startSearch() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(function (callback) { callback(); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) startSearch();
  }, true);
  if (/[?&](q|h)=/.test(location.search)) startSearch();

  /* The index request of a served site is sent once search starts. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.reglitSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.reglitSearchIndex) return send.apply(request, args);
    whenSearchStarts(function () { send.apply(request, args); });
  };

  /* A worker whose script runs in a hidden iframe: for pages opened from file://. */
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
    function dispatch(data) {
      scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
    }

    /* Inside the frame, postMessage() answers the page instead of the frame itself. */
    scope.postMessage = function (data) { setTimeout(function () { deliver(data); }, 0); };
    scope.importScripts = function () {
      throw new Error("importScripts is not available on a page opened from disk");
    };

    var script = scope.document.createElement("script");
    script.src = new URL(url, location.href).href;
    script.onload = function () {
      ready = true;
      pending.splice(0).forEach(dispatch);
    };
    script.onerror = function (error) {
      if (typeof self.onerror === "function") self.onerror(error);
    };
    scope.document.head.appendChild(script);

    this.postMessage = function (data) {
      if (ready) setTimeout(function () { dispatch(data); }, 0);
      else pending.push(data);
    };
    this.addEventListener = function (type, listener) {
      if (type === "message") listeners.push(listener);
    };
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (l) { return l !== listener; });
    };
    this.terminate = function () { frame.remove(); };
  }

  /* The search worker, created when search starts; messages sent before then wait. */
  function DeferredWorker(url, options) {
    var self = this;
    var worker = null;
    var listeners = [];
    var pending = [];
    this.onmessage = null;

    function relay(event) {
      if (typeof self.onmessage === "function") self.onmessage(event);
      listeners.slice().forEach(function (listener) { listener.call(self, event); });
    }
    whenSearchStarts(function () {
      worker = fromDisk ? new IFrameWorker(url) : new NativeWorker(url, options);
      worker.addEventListener("message", relay);
      pending.splice(0).forEach(function (data) { worker.postMessage(data); });
    });

    this.postMessage = function (data) {
      if (worker) worker.postMessage(data);
      else pending.push(data);
    };
    this.addEventListener = function (type, listener) {
      if (type === "message") listeners.push(listener);
    };
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (l) { return l !== listener; });
    };
    this.terminate = function () {
      if (worker) worker.terminate();
    };
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = function (url, options) {
    if (/\/workers\/search\./.test(String(url))) return new DeferredWorker(url, options);
    return fromDisk ? new IFrameWorker(url) : new NativeWorker(url, options);
  };
})();
