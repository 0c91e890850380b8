/* The evidence document form: show only the facts the chosen kind has (each field's
   data-kinds lists its kinds). Without this script every field shows, and the server keeps
   only the chosen kind's. */
(function () {
  "use strict";
  var form = document.querySelector("[data-document-form]");
  if (!form) { return; }
  var kind = form.querySelector("select[name='kind']");
  function apply() {
    var chosen = kind.value;
    form.querySelectorAll("[data-kinds]").forEach(function (input) {
      var kinds = input.getAttribute("data-kinds").split(" ");
      var wrapper = input.closest(".vendor-field");
      if (!wrapper) { return; }
      wrapper.hidden = !chosen || kinds.indexOf(chosen) === -1;
      // "(optional)" only where this kind can do without the fact.
      var needed = (input.getAttribute("data-required-kinds") || "").split(" ");
      var optional = wrapper.querySelector(".optional");
      if (optional) { optional.hidden = needed.indexOf(chosen) !== -1; }
    });
  }
  kind.addEventListener("change", apply);
  apply();
}());
