// The guided self-test of a re-test day (player_self_test.html): left then right, then one
// POST with both sides; problems are shown next to their fields. The exercises below work
// whether the re-test is saved, skipped or left alone.
"use strict";
(function () {
  var section = document.getElementById("self-test");
  if (!section) return;
  var form = document.getElementById("self-test-form");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var fields = ["left_thigh", "left_hip_angle", "right_thigh", "right_hip_angle"];

  function value(name) {
    var el = form.elements[name];
    if (!el) return null;
    if (el.length !== undefined && el.value === undefined) return null;
    var v = el.value;
    if (v === "" || v === undefined) return null;
    return name.indexOf("angle") >= 0 ? Number(v) : v;
  }
  function clearErrors() {
    fields.forEach(function (name) {
      var p = document.getElementById(name + "-error");
      p.hidden = true; p.textContent = "";
    });
    document.getElementById("self-test-error").hidden = true;
  }
  function showProblems(json) {
    var general = document.getElementById("self-test-error");
    var placed = false;
    (json.problems || []).forEach(function (problem) {
      var field = String(problem.field || "").split(".").pop();
      var p = document.getElementById(field + "-error");
      if (p) { p.textContent = problem.problem; p.hidden = false; placed = true; }
    });
    general.textContent = placed ? "Please check the answers marked below." : (json.message || "That did not work; please try again.");
    general.hidden = false;
    general.focus();
  }
  function finish(text) {
    form.hidden = true;
    var done = document.getElementById("self-test-done");
    done.textContent = text;
    done.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var body = {};
    fields.forEach(function (name) { body[name] = value(name); });
    var button = document.getElementById("self-test-save");
    button.disabled = true;
    fetch(section.getAttribute("data-url"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().then(function (json) {
        if (response.ok) finish(json.summary + " Now on to the exercises.");
        else showProblems(json);
      });
    }).catch(function () {
      showProblems({ message: "Could not reach psoas; check that it is still running." });
    }).finally(function () { button.disabled = false; });
  });
  var start = document.getElementById("start");
  if (start) start.addEventListener("click", function () { section.hidden = true; });
  document.getElementById("self-test-skip").addEventListener("click", function () {
    clearErrors();
    finish("Re-test skipped for today. You can record it later under Progress.");
  });
})();
