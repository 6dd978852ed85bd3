// The assessment step: a follow-up question appears as soon as the answer that asks for it is
// given, on the same page (without script the page is sent and comes back with it). The
// self-test shows one side at a time. The server checks every answer either way.
"use strict";
(function () {
  var form = document.querySelector("form[action='/assessment']");
  if (!form) return;
  var flag = document.getElementById("enhanced");
  if (flag) flag.value = "1";

  function answerOf(name) {
    var fields = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    fields.forEach(function (field) {
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      if (field.value.trim() !== "") values.push(field.value.trim());
    });
    return values;
  }
  function update() {
    form.querySelectorAll(".q-wrap[data-when-question]").forEach(function (wrap) {
      var name = wrap.getAttribute("data-when-question");
      if (!form.querySelector('[name="' + name + '"]')) return; // asked on another step
      var given = answerOf(name);
      var wanted = (wrap.getAttribute("data-when-any") || "").split("|");
      var show = wrap.hasAttribute("data-when-answered")
        ? given.length > 0
        : given.some(function (v) { return wanted.indexOf(v) !== -1; });
      wrap.hidden = !show;
    });
    form.querySelectorAll(".side-group").forEach(function (group) {
      var visible = Array.prototype.some.call(group.querySelectorAll(".q-wrap"), function (w) { return !w.hidden; });
      group.classList.toggle("is-empty", !visible);
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("input", update);

  // One side at a time: the right side waits behind a button at the end of the left side.
  var groups = form.querySelectorAll(".side-group");
  if (groups.length === 2) {
    var first = groups[0], second = groups[1];
    var go = document.createElement("button");
    go.type = "button";
    go.className = "secondary";
    go.textContent = "Done: go on to the " + second.getAttribute("data-side") + " side";
    var back = document.createElement("button");
    back.type = "button";
    back.className = "secondary";
    back.textContent = "Back to the " + first.getAttribute("data-side") + " side";
    first.appendChild(go);
    second.insertBefore(back, second.firstChild.nextSibling);
    var showSide = function (which) {
      first.classList.toggle("side-waiting", which !== first);
      second.classList.toggle("side-waiting", which !== second);
      var heading = which.querySelector("h2");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    };
    go.addEventListener("click", function () { showSide(second); });
    back.addEventListener("click", function () { showSide(first); });
    var errorInSecond = second.querySelector("[aria-invalid='true']") && !first.querySelector("[aria-invalid='true']");
    first.classList.toggle("side-waiting", !!errorInSecond);
    second.classList.toggle("side-waiting", !errorInSecond);
  }
  update();
})();
