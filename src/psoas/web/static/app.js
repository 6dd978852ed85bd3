// psoas: small progressive enhancements shared by every page (no inline script: CSP).
"use strict";
(function () {
  // Respect reduced motion for SVG (SMIL) animations too, which CSS cannot stop.
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  function pauseFigures() {
    if (!reduce || !reduce.matches) return;
    document.querySelectorAll("svg").forEach(function (svg) {
      if (typeof svg.pauseAnimations === "function") svg.pauseAnimations();
    });
  }
  document.addEventListener("DOMContentLoaded", pauseFigures);
  // Buttons that ask before a destructive action: <button data-confirm="...">.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) event.preventDefault();
  });
})();
