// psoas offline support on every page: registers the service worker, asks it to keep Today's
// and the next days' sessions, and keeps an outbox of writes made without a connection.
//
// The outbox lives in IndexedDB: a record is stored there BEFORE it is sent, so closing the
// tab never loses it. Each record carries its own Idempotency-Key; the server answers a repeat
// with the first answer and writes nothing new, so a record whose answer was lost on the way
// back is sent again safely and saved exactly once.
"use strict";
(function () {
  var DB_NAME = "psoas";
  var STORE = "outbox";
  var RETRY_MS = 20000;
  var flushing = null;

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!("indexedDB" in window)) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return (items || []).sort(function (a, b) { return a.created - b.created; });
    });
  }
  function put(item) { return withStore("readwrite", function (store) { store.put(item); }); }
  function remove(key) { return withStore("readwrite", function (store) { store["delete"](key); }); }

  // ----- the visible state -------------------------------------------------------------
  var lastProblem = "";
  function showState() {
    var box = document.getElementById("sync-state");
    if (!box) return Promise.resolve();
    return all().then(function (items) {
      var n = items.length;
      var text = "";
      if (n > 0) {
        text = (n === 1 ? "1 record is" : n + " records are") + " waiting to sync. " +
          (navigator.onLine ? "Sending now…" : "You are offline: it is kept on this device and sent when the connection is back.");
      } else if (lastProblem) {
        text = lastProblem;
      } else if (!navigator.onLine) {
        text = "You are offline. Sessions kept on this device still play; what you save waits here.";
      }
      box.textContent = text;
      box.hidden = !text;
      box.setAttribute("data-waiting", String(n));
    }).catch(function () {});
  }

  // ----- sending ---------------------------------------------------------------------------
  function sendOne(item) {
    return fetch(item.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() || item.csrf, "Idempotency-Key": item.key },
      body: JSON.stringify(item.body),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.ok) return remove(item.key).then(function () { return { sent: true, result: json }; });
        if (response.status >= 500 || response.status === 409 || response.status === 429) {
          return { sent: false }; // try again later
        }
        // Refused for good (a bad record, a lost log-in): say so rather than retry forever.
        lastProblem = "A record saved offline was not accepted: " + (json.message || "the server said no") + ".";
        return remove(item.key).then(function () { return { sent: true, refused: true, result: json }; });
      });
    }, function () { return { sent: false }; });
  }

  function flush() {
    if (flushing) return flushing;
    var run = function () {
      return all().then(function (items) {
        var chain = Promise.resolve();
        items.forEach(function (item) {
          chain = chain.then(function (stop) { return stop ? true : sendOne(item).then(function (r) { return !r.sent; }); });
        });
        return chain;
      });
    };
    var locked = navigator.locks ? navigator.locks.request("psoas-outbox", run) : run();
    flushing = locked.catch(function () {}).then(function () { flushing = null; return showState(); });
    return flushing;
  }

  // Where the browser offers it, the worker sends the queue when the connection returns even
  // with every psoas tab closed (sw.js); otherwise the next page opened sends it.
  function askForBackgroundSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register("psoas-outbox");
    }).catch(function () {});
  }

  // Queue a write and try to send it now. Resolves with {result} once the server answered, or
  // {queued: true} when it is waiting on this device.
  function send(url, body) {
    var item = { key: newKey(), url: url, body: body, csrf: csrf(), created: Date.now() };
    return put(item).then(function () {
      return sendOne(item).then(function (r) {
        showState();
        if (r.sent && r.refused) throw new Error((r.result && r.result.message) || "The server did not accept this record.");
        if (!r.sent) askForBackgroundSync();
        return r.sent ? { result: r.result } : { queued: true };
      });
    }, function () {
      // No IndexedDB (a private window on some browsers): send directly, without a queue.
      return fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), "Idempotency-Key": item.key },
        body: JSON.stringify(body),
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) throw new Error(json.message || "The server said no (" + response.status + ").");
          return { result: json };
        });
      });
    });
  }

  window.psoasOutbox = { send: send, flush: flush, waiting: function () { return all().then(function (i) { return i.length; }); } };

  // ----- forms that work offline: habit ticks and next-morning pain --------------------
  function queueForm(form) {
    var action = form.getAttribute("action");
    var field = function (name) { var el = form.querySelector('[name="' + name + '"]'); return el ? el.value : ""; };
    if (action === "/habits") {
      return { url: "/api/habits", body: { habit_id: field("habit"), day: field("day") || null, done: field("done") !== "off" },
        note: field("done") !== "off" ? "Marked done on this device: waiting to sync." : "Undone on this device: waiting to sync." };
    }
    if (action === "/log/next-morning") {
      var pain = field("next_morning_pain");
      if (pain === "") return null;
      return { url: "/api/logs/" + encodeURIComponent(field("log_id")) + "/next-morning",
        body: { next_morning_pain: parseInt(pain, 10) }, note: "Saved on this device: waiting to sync." };
    }
    return null;
  }
  document.addEventListener("submit", function (event) {
    if (navigator.onLine || !window.psoasOutbox) return;
    var form = event.target;
    var skip = event.submitter && event.submitter.name === "skip";
    var queued = skip ? null : queueForm(form);
    if (!queued) return;
    event.preventDefault();
    send(queued.url, queued.body).then(function () {
      var note = document.createElement("p");
      note.className = "notice";
      note.setAttribute("role", "status");
      note.textContent = queued.note;
      form.replaceWith(note);
    }).catch(function (error) { lastProblem = error.message; showState(); });
  });

  // ----- the service worker --------------------------------------------------------------
  function keepForOffline() {
    var main = document.getElementById("main");
    if (!main || main.getAttribute("data-keep-offline") !== "true" || !navigator.onLine) return;
    fetch("/api/offline/pages", { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (found) {
      if (!found) return;
      return navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ type: "keep", pages: found.pages });
      });
    }).catch(function () {});
  }
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "kept") document.documentElement.setAttribute("data-offline-ready", "true");
    });
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(keepForOffline).catch(function () {});
  }

  window.addEventListener("online", function () { lastProblem = ""; flush(); });
  window.addEventListener("offline", showState);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") flush(); });
  window.setInterval(function () { if (navigator.onLine) flush(); }, RETRY_MS);
  document.addEventListener("DOMContentLoaded", function () { showState(); flush(); });
})();
