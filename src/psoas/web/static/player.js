// The guided session player. The server's SessionPlayer decides what every action does: the
// page sends the list of actions with their times (seconds since Start, from performance.now
// differences) and gets back the player's view. Between actions this script only moves the
// display along the step list from timestamps, so a backgrounded tab or a sleeping phone
// never makes the timers drift. The log is saved by replaying the same actions on the server.
"use strict";
(function () {
  var root = document.getElementById("player");
  if (!root) return;
  var data = JSON.parse(document.getElementById("player-data").textContent);
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var $ = function (id) { return document.getElementById(id); };
  var events = [];
  var origin = null; // performance.now() at Start
  var view = null; // the server's last view
  var viewAt = 0; // session seconds when that view was computed
  var painBefore = null;
  var shownKey = "";
  var timer = null;
  var wakeLock = null;
  var audio = null;
  var busy = false;
  var startedAt = null;
  var isBreak = data.kind === "break"; // a sitting break: no pain ratings, no session log

  function now() { return origin === null ? 0 : (performance.now() - origin) / 1000; }
  function fmt(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    return m > 0 ? m + ":" + String(s % 60).padStart(2, "0") : String(s);
  }
  function show(section) {
    ["player-before", "player-run", "player-after", "player-done"].forEach(function (id) {
      $(id).hidden = id !== section;
    });
    var heading = $(section).querySelector("h2");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.message || "The server said no (" + response.status + ").");
        return json;
      });
    }, function () {
      var error = new Error("No connection.");
      error.offline = true; // the network, not the server: the local player takes over
      throw error;
    });
  }

  // Actions are timed when pressed and sent one after another, so a quick second press (say
  // "this hurts" right after "skip") is never lost while the first is on its way.
  var queue = Promise.resolve();
  function act(kind, extra) {
    var event = Object.assign({ kind: kind, at: Math.round(now() * 1000) / 1000 }, extra || {});
    queue = queue.then(function () {
      busy = true;
      events.push(event);
      return post(data.view_url, { events: events, now: event.at })
        .then(function (result) { setView(result, event.at); })
        .catch(function (error) {
          var local = error.offline && window.psoasLocalPlayer
            ? window.psoasLocalPlayer.apply(view, project(event.at), event) : null;
          if (local) { setView(local, event.at); return; }
          events.pop();
          say($("player-error"), error.message);
        })
        .finally(function () { busy = false; });
    });
    return queue;
  }

  function say(element, text) { element.textContent = text; element.hidden = !text; }

  function setView(result, at) {
    view = result;
    viewAt = at;
    render();
  }

  // Where the display is now: the server's view moved along the steps by the time passed.
  function project(at) {
    var steps = view.steps;
    var index = view.index;
    var into = view.step_elapsed;
    var elapsed = view.elapsed;
    if (view.status === "running") {
      var passed = Math.max(0, (at === undefined ? now() : at) - viewAt);
      into += passed;
      elapsed += passed;
      while (index < steps.length && into >= steps[index].seconds) {
        into -= steps[index].seconds;
        index += 1;
      }
    }
    var total = view.elapsed + view.remaining;
    return { index: index, into: into, elapsed: elapsed, total: total, done: index >= steps.length };
  }

  var stage = window.psoasStage;
  var PHASE_TEXT = stage.PHASE_TEXT;
  var SIDE_TEXT = stage.SIDE_TEXT;

  function render() {
    if (!view) return;
    var p = project();
    if (p.done || view.status === "finished") { finish(); return; }
    var step = view.steps[p.index];
    var paused = view.status === "paused" || view.status === "pain_choice";
    root.classList.toggle("is-paused", paused);
    root.setAttribute("data-step-kind", step.kind);
    $("phase").textContent = paused ? "Paused" : PHASE_TEXT[step.kind] || "";
    $("overall").textContent = stage.exerciseCount(view, step);
    var rep = (stage.STAGES[step.kind] || stage.renderStage)(view, step, p);
    var fraction = stage.progressFraction(view, p);
    $("bar-fill").style.width = (fraction * 100).toFixed(1) + "%";
    $("bar").setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    $("bar").setAttribute("aria-valuetext", fmt(Math.max(0, p.total - p.elapsed)) + " left");
    $("pause").textContent = paused ? "Resume" : "Pause";
    $("pause").setAttribute("aria-pressed", paused ? "true" : "false");
    announce(step, p, rep);
    moveFigure(paused);
  }

  // The drawing moves while the clock runs (unless the person asked for reduced motion).
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function moveFigure(paused) {
    var svg = $("figure").querySelector("svg");
    if (!svg || typeof svg.pauseAnimations !== "function") return;
    if (paused || reduceMotion) svg.pauseAnimations(); else svg.unpauseAnimations();
  }

  // What the voice and screen readers hear: the step with its side, then each rep's count.
  var spokenRep = "";
  function announce(step, p, rep) {
    var key = p.index + ":" + view.steps.length + ":" + step.exercise_id;
    if (key !== shownKey) {
      var first = shownKey === "";
      shownKey = key;
      spokenRep = "";
      var side = SIDE_TEXT[step.side];
      var words = step.kind === "get_ready" ? step.prompt : (side ? side + ". " : "") + step.prompt;
      $("announce").textContent = words;
      if (!first) beep();
      speak(words);
    } else if (rep && view.status === "running" && String(rep.rep) !== spokenRep && rep.rep > 1) {
      spokenRep = String(rep.rep);
      speak(spokenRep);
    }
  }

  function beep() {
    if (!$("opt-sound").checked) return;
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audio = audio || new Ctx();
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.08;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.15);
    } catch (e) { /* sound is a nicety */ }
  }

  function speak(text) {
    if (!$("opt-voice").checked || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }

  function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }).catch(function () {});
  }
  document.addEventListener("visibilitychange", function () {
    if (origin !== null && !$("player-run").hidden) { keepAwake(); render(); }
  });

  function painScale(container, onPick) {
    container.querySelectorAll("button[data-pain]").forEach(function (button) {
      button.addEventListener("click", function () {
        container.querySelectorAll("button[data-pain]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
        button.setAttribute("aria-pressed", "true");
        onPick(parseInt(button.getAttribute("data-pain"), 10));
      });
    });
  }

  painScale($("pain-before"), function (value) { painBefore = value; $("start").disabled = false; });
  // "This hurts": the clock stops at the press; a pain up to 5 carries on, above 5 offers a choice.
  var hurtsPaused = false;
  painScale($("pain-now"), function (value) {
    act("hurts", { pain: value }).then(function () {
      var advice = view && view.advice;
      if (advice && advice.over_limit) {
        $("pain-choice").hidden = false;
        $("hurts-cancel-row").hidden = true;
        $("choose-easier").hidden = !advice.easier_id;
        if (advice.easier_name) $("choose-easier").textContent = "Switch to " + advice.easier_name;
        $("choose-stop").focus();
        return;
      }
      closeHurts(advice ? advice.message : "");
    });
  });
  function openHurts() {
    if (!view || view.status === "finished" || $("hurts-dialog").open) return;
    hurtsPaused = view.status === "running";
    var paused = hurtsPaused ? act("pause") : Promise.resolve();
    $("pain-choice").hidden = true;
    $("hurts-cancel-row").hidden = false;
    $("pain-now").querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
    $("hurts-dialog").showModal();
    return paused;
  }
  function closeHurts(message) {
    if ($("hurts-dialog").open) $("hurts-dialog").close();
    say($("advice"), message || "");
    if (hurtsPaused && view && view.status === "paused") act("resume");
    hurtsPaused = false;
  }
  $("hurts-cancel").addEventListener("click", function () { closeHurts(""); });
  $("hurts-dialog").addEventListener("cancel", function (event) {
    event.preventDefault();
    if ($("pain-choice").hidden) closeHurts("");
  });
  function chosen(kind) {
    hurtsPaused = false;
    $("hurts-dialog").close();
    say($("advice"), "");
    act(kind);
  }
  $("choose-stop").addEventListener("click", function () { chosen("stop"); });
  $("choose-easier").addEventListener("click", function () { chosen("easier"); });
  var painAfter = null;
  painScale($("pain-after"), function (value) { painAfter = value; $("save").disabled = false; });

  $("start").addEventListener("click", function () {
    origin = performance.now();
    startedAt = new Date().toISOString(); // the wall-clock start, for a log sent later
    events = [];
    setView(data.initial_view, 0);
    document.body.classList.add("playing");
    show("player-run");
    keepAwake();
    beep();
    timer = window.setInterval(render, 200);
  });
  $("pause").addEventListener("click", function () { act(view.status === "paused" ? "resume" : "pause"); });
  $("skip").addEventListener("click", function () { act("skip"); });
  $("back").addEventListener("click", function () { act("back"); });
  $("hurts").addEventListener("click", openHurts);
  $("quit").addEventListener("click", function () { $("quit-dialog").showModal(); $("quit-no").focus(); });
  $("quit-no").addEventListener("click", function () { $("quit-dialog").close(); });
  $("quit-yes").addEventListener("click", function () {
    $("quit-dialog").close();
    act("quit").then(finish);
  });

  // Keyboard: space pauses or resumes, arrows go back or skip, H opens "this hurts".
  var KEYS = { " ": "pause", ArrowLeft: "back", ArrowRight: "skip", h: "hurts", H: "hurts" };
  document.addEventListener("keydown", function (event) {
    if ($("player-run").hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    if ($("hurts-dialog").open || $("quit-dialog").open) return;
    var target = KEYS[event.key];
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (!target || typing) return;
    event.preventDefault();
    $(target).click();
  });

  function finish() {
    document.body.classList.remove("playing");
    if (timer !== null) { window.clearInterval(timer); timer = null; }
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
    if (!$("player-after").hidden || !$("player-done").hidden) return;
    if (isBreak) { finishBreak(); return; }
    beep();
    speak("Session complete. How does it feel now?");
    show("player-after");
  }

  // A break ends without questions: the server records it as taken if it was played through.
  var breakEnding = false;
  function finishBreak() {
    if (breakEnding) return;
    if (busy) { window.setTimeout(finishBreak, 250); return; }
    breakEnding = true;
    beep();
    post(data.save_url, { events: events, now: Math.round(now() * 1000) / 1000, due_at: data.due_at })
      .then(function (result) { say($("saved-summary"), result.summary); show("player-done"); })
      .catch(function (error) { breakEnding = false; say($("player-error"), error.message); });
  }

  $("save").addEventListener("click", function () {
    $("save").disabled = true;
    var effort = $("effort").value;
    var payload = {
      events: events,
      now: Math.round(now() * 1000) / 1000,
      pain_before: painBefore,
      pain_after: painAfter,
      effort: effort === "" ? null : parseInt(effort, 10),
      notes: $("notes").value,
      started_at: startedAt,
    };
    // Through the outbox: kept on this device first, so a lost connection or a closed tab
    // never loses the session; sent once (Idempotency-Key) when the connection is there.
    var sending = window.psoasOutbox
      ? window.psoasOutbox.send(data.save_url, payload)
      : post(data.save_url, payload).then(function (json) { return { result: json }; });
    sending.then(function (outcome) {
      if (outcome.queued) {
        $("done-title").textContent = "Saved on this device: waiting to sync";
        say($("saved-summary"), "You are offline. The session is kept on this device and sent as soon as the connection is back, even if you close this page.");
        show("player-done");
        return;
      }
      var saved = outcome.result;
      say($("saved-summary"), saved.summary);
      var advice = $("pain-advice");
      if (advice && saved.advice) {
        say(advice, saved.advice);
        advice.hidden = false;
        $("done-title").textContent = "Saved: take care of that pain";
        $("player-done").classList.remove("banner-ok");
        $("player-done").classList.add("banner-danger");
      }
      show("player-done");
    }).catch(function (error) {
      $("save").disabled = false;
      say($("save-error"), error.message);
    });
  });
  // Tests and assistive tools can tell when the controls are wired up.
  root.setAttribute("data-ready", "true");
})();
