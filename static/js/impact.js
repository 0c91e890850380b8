// The impact matrix on the scorecard: a cell of the grid (an SVG link to #impact-<quality>-<horizon>)
// opens that cell's list of findings instead of only scrolling to its closed summary.
(function () {
  "use strict";
  function openCell(hash) {
    if (!hash || hash.indexOf("#impact-") !== 0) return;
    var details = document.getElementById(hash.slice(1));
    if (details && details.tagName === "DETAILS") {
      details.open = true;
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a");
    if (link) openCell(link.getAttribute("href"));
  });
  openCell(window.location.hash);
})();
