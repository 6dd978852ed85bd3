// "Copy the link" buttons: copy the text of the element named by data-copy and say so.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copy);
      var done = button.parentElement.querySelector(".copy-done");
      var say = function (text) { if (done) done.textContent = text; };
      if (!source) return;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source.textContent.trim()).then(
          function () { say("Copied."); },
          function () { say("Select the link and copy it by hand."); }
        );
      } else {
        say("Select the link and copy it by hand.");
      }
    });
  });
})();
