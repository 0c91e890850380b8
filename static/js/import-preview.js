// The import preview: a domain's box ticks or clears its questions, and the button's line says
// how many answers will be imported. Without JavaScript the domain box still works: the server
// imports every question of a ticked domain.
(function () {
  const form = document.querySelector("[data-import-preview]");
  if (!form) return;
  const count = form.querySelector("[data-ticked-count]");
  function refresh() {
    const n = form.querySelectorAll("input[name=accept]:checked").length;
    if (count) count.textContent = n === 1 ? "1 answer ticked" : n + " answers ticked";
    form.querySelectorAll("[data-domain-toggle]").forEach(function (box) {
      const rows = box.closest("fieldset").querySelectorAll("input[name=accept]");
      const ticked = Array.prototype.filter.call(rows, function (r) { return r.checked; }).length;
      box.checked = rows.length > 0 && ticked === rows.length;
      box.indeterminate = ticked > 0 && ticked < rows.length;
    });
  }
  form.addEventListener("change", function (event) {
    const box = event.target;
    if (box.matches("[data-domain-toggle]")) {
      box.closest("fieldset").querySelectorAll("input[name=accept]").forEach(function (r) {
        r.checked = box.checked;
      });
    }
    refresh();
  });
  refresh();
})();
