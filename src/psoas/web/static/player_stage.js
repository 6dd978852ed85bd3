// The session player's stage: what one step looks like (the exercise's picture, the side, the
// clock, sets and a cue) and how far the session has come. player.js owns the clock and the
// actions; it calls renderStage, or a step kind's own renderer registered in STAGES.
"use strict";
(function () {
  var $ = function (id) { return document.getElementById(id); };
  function fmt(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    return m > 0 ? m + ":" + String(s % 60).padStart(2, "0") : String(s);
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
  var SIDE_TEXT = { left: "Left side", right: "Right side" };

  // Exercises and their position: "Exercise 2 of 4" counts exercises, not countdowns.
  function exerciseCount(view, step) {
    var items = view.steps.map(function (s) { return s.item; });
    var distinct = items.filter(function (item, i) { return items.indexOf(item) === i; });
    return "Exercise " + (distinct.indexOf(step.item) + 1) + " of " + distinct.length;
  }
  function cardOf(view, item) { return view.cards.find(function (c) { return c.item === item; }) || {}; }
  // The next step of another set or exercise (previewed while resting).
  function upcoming(view, index) {
    for (var i = index + 1; i < view.steps.length; i++) {
      if (view.steps[i].kind !== "rest" && view.steps[i].kind !== "switch_sides") return view.steps[i];
    }
    return null;
  }
  function showFigure(exerciseId) {
    var holder = $("figure");
    if (holder.getAttribute("data-exercise") === exerciseId) return;
    holder.setAttribute("data-exercise", exerciseId || "");
    holder.textContent = "";
    var source = exerciseId && document.querySelector('template[data-figure="' + exerciseId + '"]');
    if (source) holder.appendChild(source.content.cloneNode(true));
    holder.hidden = !source;
  }
  function setsLine(step) {
    if (!step.sets) return "";
    return "Set " + step.set_index + " of " + step.sets + (step.reps ? " · " + step.reps + " reps" : "");
  }
  function cueFor(step, card) {
    if (step.kind === "get_ready") return card.modification || (card.steps || [])[0] || card.summary || "";
    var cues = card.cues || [];
    return cues.length ? cues[(step.set_index || 1) % cues.length] : card.breathing || "";
  }
  // Work, get-ready and switch steps: the exercise's picture, its side and the clock.
  function renderStage(view, step, p) {
    var card = cardOf(view, step.item);
    var next = step.kind === "rest" ? upcoming(view, p.index) : null;
    $("exercise-name").textContent = step.exercise_name;
    showFigure((next || step).exercise_id);
    $("next").hidden = !next;
    if (next) $("next-name").textContent = next.exercise_id === step.exercise_id ? setsLine(next) : next.exercise_name;
    var side = SIDE_TEXT[(next || step).side];
    $("side").hidden = !side;
    $("side").textContent = side ? side.toUpperCase() : "";
    $("side").className = "side-badge side-" + (next || step).side;
    var rep = repPosition(step, p.into);
    $("big").textContent = rep ? rep.rep + " / " + step.reps : fmt(step.seconds - p.into);
    $("sub").textContent = rep ? rep.word + " · " + setsLine(step) : next ? "" : setsLine(step);
    $("cue").textContent = cueFor(step, card);
    return rep;
  }
  // Other step kinds can add their own renderer: STAGES[kind] = function (step, p) {...}.
  var STAGES = {};

  // Progress is the planned time done: the steps before this one plus the time into it.
  function progressFraction(view, p) {
    var total = 0, before = 0;
    view.steps.forEach(function (s, i) { total += s.seconds; if (i < p.index) before += s.seconds; });
    var into = p.index < view.steps.length ? Math.min(p.into, view.steps[p.index].seconds) : 0;
    return total > 0 ? Math.min(1, (before + into) / total) : 1;
  }

  window.psoasStage = {
    PHASE_TEXT: PHASE_TEXT,
    SIDE_TEXT: SIDE_TEXT,
    STAGES: STAGES,
    fmt: fmt,
    repPosition: repPosition,
    exerciseCount: exerciseCount,
    renderStage: renderStage,
    progressFraction: progressFraction,
  };
})();
