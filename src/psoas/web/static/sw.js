// psoas service worker (served at /sw.js, scope /). It keeps the app shell (styles, scripts,
// icons), and the pages the Today page asks it to keep: Today itself, habits and the sessions
// of today and the next few days, each with its drawings inline. Pages come from the network
// when it answers and from the kept copy when it does not, so a session plays on the floor
// without a connection. Writes are never handled here: the page queues them (offline.js).
"use strict";
var VERSION = "__VERSION__";
var SHELL_FILES = "__SHELL__";
var SHELL = "psoas-shell-" + VERSION;
var PAGES = "psoas-pages";
var KEPT_PAGES = /^\/($|habits$|session\/[^/]+$)/;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) {
      return cache.addAll(SHELL_FILES.map(function (url) { return new Request(url, { cache: "reload" }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("psoas-shell-") === 0 && key !== SHELL;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function pageKey(url) { return new URL(url, self.location.origin).pathname; }

function keep(request, response) {
  if (!response || !response.ok || response.type !== "basic") return;
  var copy = response.clone();
  caches.open(PAGES).then(function (cache) { return cache.put(pageKey(request.url), copy); });
}

function fromNetworkThenKept(request) {
  return fetch(request).then(function (response) {
    if (KEPT_PAGES.test(pageKey(request.url))) keep(request, response);
    return response;
  }).catch(function () {
    return caches.open(PAGES).then(function (cache) {
      return cache.match(pageKey(request.url));
    }).then(function (kept) {
      return kept || caches.match("/offline").then(function (page) {
        return page || new Response("No connection.", { status: 503, headers: { "Content-Type": "text/plain" } });
      });
    });
  });
}

function shellFirst(request) {
  return caches.match(request, { ignoreSearch: true }).then(function (hit) {
    return hit || fetch(request);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) { event.respondWith(shellFirst(request)); return; }
  if (request.mode === "navigate") event.respondWith(fromNetworkThenKept(request));
});

// The Today page sends the list of pages to keep (GET /api/offline/pages). Old session pages
// that are no longer listed are dropped, so the kept copy never grows without bound.
function keepPages(pages) {
  return caches.open(PAGES).then(function (cache) {
    return Promise.all(pages.map(function (path) {
      return fetch(path, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(path, response);
      }).catch(function () {});
    })).then(function () { return cache.keys(); }).then(function (requests) {
      return Promise.all(requests.filter(function (request) {
        return pages.indexOf(pageKey(request.url)) < 0;
      }).map(function (request) { return cache.delete(request); }));
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.pages)) return;
  var done = keepPages(data.pages.filter(function (path) { return KEPT_PAGES.test(path); }));
  event.waitUntil(done.then(function () {
    if (event.source) event.source.postMessage({ type: "kept", pages: data.pages.length });
  }));
});

// Background Sync: records queued by offline.js are also sent from here when the connection
// returns, even with every psoas tab closed (where the browser offers it). Only a success
// removes a record; anything else leaves it for the page, which can tell the person.
function outbox() {
  return new Promise(function (resolve, reject) {
    var request = indexedDB.open("psoas", 1);
    request.onupgradeneeded = function () { request.result.createObjectStore("outbox", { keyPath: "key" }); };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { reject(request.error); };
  });
}

function queued(db) {
  return new Promise(function (resolve, reject) {
    var request = db.transaction("outbox").objectStore("outbox").getAll();
    request.onsuccess = function () { resolve(request.result.sort(function (a, b) { return a.created - b.created; })); };
    request.onerror = function () { reject(request.error); };
  });
}

function drop(db, key) {
  return new Promise(function (resolve) {
    var tx = db.transaction("outbox", "readwrite");
    tx.objectStore("outbox")["delete"](key);
    tx.oncomplete = resolve;
    tx.onerror = resolve;
  });
}

function sendQueued() {
  return outbox().then(function (db) {
    return queued(db).then(function (items) {
      return items.reduce(function (chain, item) {
        return chain.then(function (stuck) {
          if (stuck) return true;
          return fetch(item.url, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRF-Token": item.csrf, "Idempotency-Key": item.key },
            body: JSON.stringify(item.body),
            credentials: "same-origin",
          }).then(function (response) {
            return response.ok ? drop(db, item.key).then(function () { return false; }) : true;
          }, function () { return true; });
        });
      }, Promise.resolve(false));
    }).then(function (stuck) {
      db.close();
      if (stuck) throw new Error("records still waiting"); // the browser tries again later
    });
  });
}

self.addEventListener("sync", function (event) {
  if (event.tag === "psoas-outbox") event.waitUntil(sendQueued());
});
