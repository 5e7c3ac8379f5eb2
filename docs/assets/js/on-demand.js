// Fetch only what the visit needs, and search in the page's language. The theme's script (loaded right after this one) downloads,
// on every page load, its search index, search worker and stemmers (about a third of a first
// visit's bytes), and a sitemap beside each hreflang address for its language selector.
// - Search: the worker is created and the index requested only when the visitor first opens
//   search (focus on the field, a click on the search button, the theme's keyboard shortcuts).
//   The theme waits for the worker's "ready" message and then searches whatever the field holds,
//   so nothing typed in the meantime is lost.
// - Sitemaps: never requested. Each page's language links already lead to its counterpart page,
//   and without a sitemap the theme lets the browser follow them.
// Without this script the theme behaves as before (downloads on load): it only defers, never breaks.
(() => {
  "use strict";
  const config = document.getElementById("__config");
  if (!config) return;
  const { base, search } = JSON.parse(config.textContent);
  const workerUrl = new URL(search, location.href).href;
  const indexUrl = new URL("search/search_index.json", new URL(base, location.href)).href;
  // Each language has its own index (hooks/generate.py): the page's, not the default language's.
  const ownIndex = new URL(config.dataset.searchIndex || "search/search_index.json", new URL(base, location.href)).href;

  let opened = false;
  const waiting = [];
  const whenOpened = (run) => (opened ? run() : waiting.push(run));
  const open = () => {
    opened = true;
    waiting.splice(0).forEach((run) => run());
  };
  // Capture phase: the theme's own handlers must not be able to hide these events from us.
  document.addEventListener("focusin", (event) => {
    if (!opened && event.target.closest && event.target.closest('[data-md-component="search"]')) open();
  }, true);
  document.addEventListener("change", (event) => {
    if (!opened && event.target.id === "__search" && event.target.checked) open();
  }, true);

  // The theme requests with XMLHttpRequest: the index waits, the sitemaps are never sent.
  const targets = new WeakMap();
  const { open: xhrOpen, send: xhrSend } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const asked = new URL(url, location.href);
    const target = asked.href === indexUrl ? new URL(ownIndex) : asked;
    targets.set(this, target);
    return xhrOpen.call(this, method, target.href, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    const url = targets.get(this);
    if (url && url.pathname.endsWith("/sitemap.xml")) return undefined;
    if (url && url.href === ownIndex && !opened) {
      whenOpened(() => xhrSend.apply(this, args));
      return undefined;
    }
    return xhrSend.apply(this, args);
  };

  // The search worker: a stand-in that keeps the theme's messages until the real one starts,
  // then passes messages both ways.
  const NativeWorker = window.Worker;
  class DeferredWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.queue = [];
      whenOpened(() => {
        if (this.terminated) return;
        this.worker = new NativeWorker(url, options);
        for (const type of ["message", "messageerror", "error"]) {
          this.worker.addEventListener(type, (event) => this.dispatchEvent(
            type === "error" ? new ErrorEvent(type, event) : new MessageEvent(type, { data: event.data })));
        }
        this.queue.splice(0).forEach((message) => this.worker.postMessage(message));
      });
    }

    postMessage(message) {
      if (this.worker) this.worker.postMessage(message);
      else this.queue.push(message);
    }

    terminate() {
      this.terminated = true;
      if (this.worker) this.worker.terminate();
      this.queue = [];
    }
  }
  window.Worker = function Worker(url, options) {
    return new URL(url, location.href).href === workerUrl
      ? new DeferredWorker(url, options) : new NativeWorker(url, options);
  };
})();
