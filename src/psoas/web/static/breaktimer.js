// psoas break timer: sitting-break and session reminders while a psoas page is open.
// Off until the person turns it on (remembered in this browser only). The next reminder comes
// from the server (/api/reminders/next) as a time; this script waits for that moment by
// comparing Date.now() with it (never by counting ticks), so a sleeping laptop or a throttled
// background tab shows the reminder as soon as it wakes. A system notification is used only if
// the person allowed it after a click; otherwise, and always as well, a banner in the page
// offers Done / Snooze / Skip, which are recorded through /api/breaks.
"use strict";
(function () {
  var KEY = "psoas.breakTimer";
  var REFRESH_MS = 5 * 60 * 1000; // pick up changed settings every few minutes
  var MAX_WAIT_MS = 30 * 1000;
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var $ = function (id) { return document.getElementById(id); };
  var next = null; // the awaited reminder
  var fetchedAt = 0;
  var waiting = null;
  var lastInfo = null;
  var asked = 0; // only the latest request's answer counts
  var FIRED_KEY = "psoas.breakFiredUpTo";
  var firedUpTo = readFired(); // due time of the last reminder shown: never show it again

  function stored() { try { return window.localStorage.getItem(KEY) || "off"; } catch (e) { return "off"; } }
  function store(value) { try { window.localStorage.setItem(KEY, value); } catch (e) { /* private mode */ } }
  function readFired() { try { return Number(window.sessionStorage.getItem(FIRED_KEY)) || 0; } catch (e) { return 0; } }
  function notificationsAllowed() { return "Notification" in window && Notification.permission === "granted"; }

  function fetchNext(after) {
    var url = "/api/reminders/next" + (after ? "?after=" + encodeURIComponent(after) : "");
    var mine = ++asked;
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (info) {
        if (mine !== asked) return;
        fetchedAt = Date.now();
        lastInfo = info;
        next = info && info.reminder;
        if (next && Date.parse(next.due_at) <= firedUpTo) next = null;
        describe();
        wait();
      })
      .catch(function () { fetchedAt = Date.now(); wait(); });
  }

  function wait() {
    if (waiting !== null) window.clearTimeout(waiting);
    waiting = null;
    if (stored() === "off") return;
    var delay = MAX_WAIT_MS;
    if (next) delay = Math.min(delay, Math.max(0, Date.parse(next.due_at) - Date.now()));
    waiting = window.setTimeout(check, delay);
  }

  function check() {
    waiting = null;
    if (stored() === "off") return;
    if (next && Date.now() >= Date.parse(next.due_at)) { fire(next); return; }
    if (Date.now() - fetchedAt >= REFRESH_MS) { fetchedAt = Date.now(); fetchNext(); }
    wait(); // keep waiting on the known time while a refresh is on its way
  }

  function fire(reminder) {
    next = null;
    firedUpTo = Math.max(firedUpTo, Date.parse(reminder.due_at));
    try { window.sessionStorage.setItem(FIRED_KEY, String(firedUpTo)); } catch (e) { /* private mode */ }
    fetchNext(reminder.due_at); // an unanswered reminder counts as missed; the next one follows
    if (document.body.classList.contains("playing")) return; // a session or break is under way
    showBanner(reminder);
    if (notificationsAllowed()) {
      try {
        var shown = new Notification(reminder.title, { body: reminder.body, tag: "psoas-" + reminder.due_at });
        shown.onclick = function () { window.focus(); shown.close(); };
      } catch (e) { /* some browsers allow notifications only from a service worker */ }
    }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function showBanner(reminder) {
    ["break-banner", "break-note"].forEach(function (id) { var old = $(id); if (old) old.remove(); });
    var banner = el("section", { id: "break-banner", class: "banner break-banner", role: "alert", "aria-labelledby": "break-banner-title" });
    banner.appendChild(el("h2", { id: "break-banner-title" }, reminder.title));
    banner.appendChild(el("p", {}, reminder.body));
    if (reminder.routine.length) {
      var list = el("ul", {});
      reminder.routine.forEach(function (r) { list.appendChild(el("li", {}, r.name + ": " + r.dose)); });
      banner.appendChild(list);
    }
    var actions = el("div", { class: "actions" });
    if (reminder.kind === "break") {
      if (reminder.play_url) actions.appendChild(el("a", { class: "button", href: reminder.play_url }, "Play the routine"));
      [["taken", "Done"], ["snoozed", "Snooze"], ["skipped", "Skip"]].forEach(function (pair) {
        var button = el("button", { type: "button", class: pair[0] === "taken" ? "" : "secondary", "data-outcome": pair[0] }, pair[1]);
        button.addEventListener("click", function () { answer(reminder, pair[0], banner); });
        actions.appendChild(button);
      });
    } else {
      actions.appendChild(el("a", { class: "button", href: "/" }, "Open today's session"));
      var dismiss = el("button", { type: "button", class: "secondary" }, "Dismiss");
      dismiss.addEventListener("click", function () { banner.remove(); fetchNext(reminder.due_at); });
      actions.appendChild(dismiss);
    }
    banner.appendChild(actions);
    banner.appendChild(el("p", { class: "break-banner-error", hidden: "" }));
    var main = $("main");
    if (main) main.insertBefore(banner, main.firstChild);
  }

  function answer(reminder, outcome, banner) {
    var ids = reminder.routine.map(function (r) { return r.exercise_id; });
    fetch("/api/breaks", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ due_at: reminder.due_at, outcome: outcome, routine: ids }),
    }).then(function (r) {
      if (!r.ok) throw new Error("The break could not be recorded (" + r.status + "). Reload the page and try again.");
      var text = outcome === "taken" ? "Break recorded. Well done." : outcome === "snoozed" ? "Snoozed: the reminder comes back shortly." : "Break skipped.";
      var note = el("p", { id: "break-note", class: "banner banner-ok", role: "status" }, text);
      banner.replaceWith(note);
      window.setTimeout(function () { note.remove(); }, 8000);
      return fetchNext(outcome === "snoozed" ? null : reminder.due_at);
    }).catch(function (error) {
      var problem = banner.querySelector(".break-banner-error");
      problem.textContent = error.message;
      problem.hidden = false;
    });
  }

  // ----- the switch on the settings page ---------------------------------------------------
  function describe() {
    var state = $("break-timer-state");
    if (!state) return;
    var mode = stored();
    var text = "The break timer is off in this browser.";
    if (mode !== "off") {
      text = "The break timer is on in this browser" + (notificationsAllowed() ? ", with notifications." : ", with reminders shown in the page.");
      if ("Notification" in window && Notification.permission === "denied") {
        text += " Notifications are blocked for this site, so reminders appear as a banner at the top of the page instead.";
      }
      if (lastInfo && !lastInfo.enabled && !lastInfo.session_reminder) {
        text += " Break and session reminders are both off above: turn one on and save.";
      } else if (lastInfo && lastInfo.reminder) {
        var due = new Date(Date.parse(lastInfo.reminder.due_at));
        text += " Next: " + lastInfo.reminder.title.toLowerCase() + " at " + due.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) + ".";
      }
    }
    state.textContent = text;
    var toggle = $("break-timer-toggle");
    toggle.hidden = false;
    toggle.textContent = mode === "off" ? "Turn on the break timer" : "Turn off the break timer";
    $("break-timer-settings").setAttribute("data-state", mode);
  }

  function turnOn(mode) {
    store(mode);
    $("break-timer-ask").hidden = true;
    fetchNext();
  }

  function setUpSwitch() {
    var toggle = $("break-timer-toggle");
    if (!toggle) return;
    toggle.addEventListener("click", function () {
      if (stored() !== "off") { store("off"); wait(); describe(); return; }
      if ("Notification" in window && Notification.permission === "default") {
        $("break-timer-ask").hidden = false;
        $("break-timer-allow").focus();
        return;
      }
      turnOn("on");
    });
    $("break-timer-allow").addEventListener("click", function () {
      Promise.resolve(Notification.requestPermission()).catch(function () { return "denied"; }).then(function () { turnOn("on"); });
    });
    $("break-timer-banner-only").addEventListener("click", function () { turnOn("on"); });
    describe();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSwitch();
    if (stored() !== "off") fetchNext();
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && stored() !== "off") check();
  });
})();
