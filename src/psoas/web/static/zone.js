// Offers the browser's own time zone first: in the settings list, and on the invite page.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
  if (!zone) { return; }
  document.querySelectorAll("input[data-browser-zone]").forEach(function (input) {
    if (!input.value) { input.value = zone; }
  });
  document.querySelectorAll("input[data-browser-zone-list]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("data-browser-zone-list"));
    if (list) {
      var first = document.createElement("option");
      first.value = zone;
      first.label = "This browser's zone";
      list.insertBefore(first, list.firstChild);
    }
    var form = input.form;
    var hint = form && form.querySelector("[data-browser-zone-hint]");
    if (!hint || input.value === zone) { return; }
    hint.querySelector("[data-browser-zone-name]").textContent = zone;
    hint.hidden = false;
    hint.querySelector("[data-use-browser-zone]").addEventListener("click", function () {
      input.value = zone;
      input.focus();
    });
  });
})();
