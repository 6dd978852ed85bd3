// The clinician's plan builder: filter the library as you type and add an exercise as a new
// row of the form, without a page load per change. Without JavaScript the same links reload
// the page with the exercise added, and the filters are simply not used.
(function () {
  "use strict";
  var list = document.getElementById("library-list");
  var search = document.getElementById("library-search");
  var category = document.getElementById("library-category");
  var rows = document.getElementById("rows");
  var template = document.getElementById("row-template");
  if (!list || !search || !category) return;
  var added = 0;

  function filter() {
    var words = search.value.trim().toLowerCase();
    var kind = category.value;
    list.querySelectorAll("li").forEach(function (item) {
      var match = (!words || item.dataset.name.indexOf(words) !== -1) &&
        (!kind || item.dataset.category === kind);
      item.hidden = !match;
    });
  }
  search.addEventListener("input", filter);
  category.addEventListener("change", filter);

  function addRow(item) {
    added += 1;
    var key = "n" + added;
    var html = template.innerHTML.replace(/NEW/g, key);
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    row.querySelector(".row-id").value = item.dataset.id;
    row.querySelector(".row-name").textContent = item.querySelector("strong").textContent;
    row.querySelector(".row-sets").value = item.dataset.sets;
    row.querySelector(".row-amount").value = item.dataset.amount;
    row.querySelector(".row-unit").value = item.dataset.unit;
    row.querySelector(".row-sides").value = item.dataset.sides;
    rows.appendChild(row);
    var empty = document.getElementById("no-rows");
    if (empty) empty.hidden = true;
    row.querySelector(".row-sets").focus();
  }

  if (rows && template) {
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a.add-pick");
      if (!link) return;
      event.preventDefault();
      addRow(link.closest("li"));
    });
  }
  list.setAttribute("data-ready", "true");
})();
