// The player without a connection. Online, the server's SessionPlayer answers every action;
// offline, this script moves the display the same way (pause, resume, skip, back, this hurts,
// stop an exercise, quit) from the last view, while player.js keeps the timed list of actions.
// The saved log is still the server's: the queued log carries that list, and the server
// replays it when the phone is back online.
"use strict";
(function () {
  var BACK_RESTART_SECONDS = 3; // as the server: 'back' early in a step goes to the previous one
  var PAIN_LIMIT = 5; // pain above this stops the exercise [secondary], as the server's rule

  function copy(view) { return JSON.parse(JSON.stringify(view)); }
  function totals(view, index, into) {
    var total = 0, before = 0;
    view.steps.forEach(function (s, i) { total += s.seconds; if (i < index) before += s.seconds; });
    var elapsed = before + into;
    return { elapsed: elapsed, remaining: Math.max(0, total - elapsed) };
  }
  function at(view, index, into, status) {
    var next = copy(view);
    next.index = Math.min(index, view.steps.length);
    next.step_elapsed = into;
    next.status = next.index >= view.steps.length ? "finished" : status;
    var t = totals(next, next.index, into);
    next.elapsed = t.elapsed;
    next.remaining = t.remaining;
    next.advice = null;
    return next;
  }
  function isBreather(step) { return step.kind === "rest" || step.kind === "switch_sides"; }

  // view: the last view; p: where the display is now ({index, into}); event: the action.
  function apply(view, p, event) {
    var running = view.status === "running" ? "running" : view.status;
    switch (event.kind) {
      case "pause":
        return at(view, p.index, p.into, "paused");
      case "resume":
        return at(view, p.index, p.into, "running");
      case "skip":
        return at(view, p.index + 1, 0, running);
      case "back": {
        var target = p.index;
        if (p.into < BACK_RESTART_SECONDS && p.index > 0) {
          target = p.index - 1;
          while (target > 0 && isBreather(view.steps[target])) target -= 1;
        }
        return at(view, target, 0, running);
      }
      case "hurts": {
        var over = event.pain > PAIN_LIMIT;
        var next = at(view, p.index, p.into, over ? "pain_choice" : view.status);
        next.advice = {
          pain: event.pain,
          over_limit: over,
          easier_id: null, // switching to an easier version needs the connection
          easier_name: null,
          message: over ? "Pain above 5/10: stop this exercise for today." : "Pain up to 5/10 is acceptable; ease off if it builds.",
        };
        return next;
      }
      case "stop": {
        var item = view.steps[p.index] && view.steps[p.index].item;
        var trimmed = copy(view);
        var end = p.index;
        while (end < trimmed.steps.length && trimmed.steps[end].item === item) end += 1;
        trimmed.steps.splice(p.index + 1, Math.max(0, end - p.index - 1));
        return at(trimmed, p.index + 1, 0, "running");
      }
      case "quit":
        return at(view, view.steps.length, 0, "finished");
      default:
        return null; // 'easier' needs the server
    }
  }

  window.psoasLocalPlayer = { apply: apply };
})();
