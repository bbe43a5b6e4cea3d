/* The review matrix: tick submitted scorecards (or a whole column) and approve them with one confirmation. */
(function () {
  "use strict";
  var form = document.getElementById("bulk-form");
  if (!form) { return; }
  var boxes = function () { return Array.prototype.slice.call(document.querySelectorAll("input[name=phieu][form=bulk-form]")); };
  var count = document.getElementById("bulk-count");
  function update() { count.textContent = boxes().filter(function (b) { return b.checked; }).length; }
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList.contains("select-column")) {
      boxes().forEach(function (b) { if (b.dataset.period === el.dataset.period) { b.checked = el.checked; } });
    }
    update();
  });
  form.addEventListener("submit", function (event) {
    var n = boxes().filter(function (b) { return b.checked; }).length;
    if (n === 0) { return; }  /* the server says nothing was chosen */
    if (!window.confirm(form.dataset.confirm.replace("{n}", n))) { event.preventDefault(); }
  });
  update();
})();
