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
    });
  }

  function act(kind, extra) {
    if (busy) return Promise.resolve();
    busy = true;
    var event = Object.assign({ kind: kind, at: Math.round(now() * 1000) / 1000 }, extra || {});
    events.push(event);
    return post(data.view_url, { events: events, now: event.at })
      .then(function (result) { setView(result, event.at); })
      .catch(function (error) { events.pop(); say($("player-error"), error.message); })
      .finally(function () { busy = false; });
  }

  function say(element, text) { element.textContent = text; element.hidden = !text; }

  function setView(result, at) {
    view = result;
    viewAt = at;
    render();
  }

  // Where the display is now: the server's view moved along the steps by the time passed.
  function project() {
    var steps = view.steps;
    var index = view.index;
    var into = view.step_elapsed;
    var elapsed = view.elapsed;
    if (view.status === "running") {
      var passed = Math.max(0, now() - viewAt);
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

  function repPosition(step, into) {
    if (step.kind !== "reps" || !step.rep_phases.length) return null;
    var per = step.rep_phases.reduce(function (sum, p) { return sum + p.seconds; }, 0);
    var rep = Math.min(step.reps, Math.floor(into / per) + 1);
    var left = into - (rep - 1) * per;
    for (var i = 0; i < step.rep_phases.length; i++) {
      var phase = step.rep_phases[i];
      if (left < phase.seconds) return { rep: rep, word: phase.word, remaining: phase.seconds - left };
      left -= phase.seconds;
    }
    return { rep: rep, word: step.rep_phases[step.rep_phases.length - 1].word, remaining: 0 };
  }

  var PHASE_TEXT = { get_ready: "Get ready", hold: "Hold", reps: "Reps", rest: "Rest", switch_sides: "Switch sides" };

  function render() {
    if (!view) return;
    var p = project();
    if (p.done || view.status === "finished") { finish(); return; }
    var step = view.steps[p.index];
    var card = view.cards.find(function (c) { return c.item === step.item; }) || {};
    var paused = view.status === "paused";
    $("phase").textContent = paused ? "Paused" : PHASE_TEXT[step.kind] || step.kind;
    $("exercise-name").textContent = step.exercise_name;
    $("prompt").textContent = step.prompt;
    $("cue").textContent = step.kind === "get_ready" ? (card.modification || (card.cues || [])[0] || card.summary || "") : (card.cues || [])[(step.set_index || 1) % Math.max(1, (card.cues || []).length)] || card.breathing || "";
    var rep = repPosition(step, p.into);
    if (rep) {
      $("big").textContent = rep.rep + "/" + step.reps;
      $("sub").textContent = rep.word + " " + fmt(rep.remaining);
    } else {
      $("big").textContent = fmt(step.seconds - p.into);
      $("sub").textContent = step.kind === "hold" ? "seconds left" : "";
    }
    var fraction = p.total > 0 ? Math.min(1, p.elapsed / p.total) : 1;
    $("bar-fill").style.width = (fraction * 100).toFixed(1) + "%";
    $("bar").setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    $("overall").textContent = "Step " + (p.index + 1) + " of " + view.steps.length + " · " + fmt(Math.max(0, p.total - p.elapsed)) + " left";
    $("pause").textContent = paused ? "Resume" : "Pause";
    $("pause").setAttribute("aria-pressed", paused ? "true" : "false");
    var key = p.index + ":" + view.steps.length + ":" + step.exercise_id;
    if (key !== shownKey) {
      var first = shownKey === "";
      shownKey = key;
      $("announce").textContent = step.prompt;
      if (!first) beep();
      speak(step.prompt);
    }
    $("pain-choice").hidden = view.status !== "pain_choice";
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
  painScale($("pain-now"), function (value) {
    $("hurts-dialog").hidden = true;
    act("hurts", { pain: value }).then(function () {
      if (view && view.advice) {
        say($("advice"), view.advice.message);
        $("choose-easier").hidden = !view.advice.easier_id;
        if (view.advice.easier_name) $("choose-easier").textContent = "Switch to " + view.advice.easier_name;
      }
    });
  });
  var painAfter = null;
  painScale($("pain-after"), function (value) { painAfter = value; $("save").disabled = false; });

  $("start").addEventListener("click", function () {
    origin = performance.now();
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
  $("hurts").addEventListener("click", function () {
    $("hurts-dialog").hidden = false;
    $("hurts-dialog").querySelector("button").focus();
  });
  $("choose-stop").addEventListener("click", function () { say($("advice"), ""); act("stop"); });
  $("choose-easier").addEventListener("click", function () { say($("advice"), ""); act("easier"); });
  $("quit").addEventListener("click", function () {
    var question = isBreak ? "Stop the break here? It will not count as taken." : "Stop the session here? What you did so far is kept.";
    if (!window.confirm(question)) return;
    act("quit").then(finish);
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
    post(data.save_url, {
      events: events,
      now: Math.round(now() * 1000) / 1000,
      pain_before: painBefore,
      pain_after: painAfter,
      effort: effort === "" ? null : parseInt(effort, 10),
      notes: $("notes").value,
    }).then(function (saved) {
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
