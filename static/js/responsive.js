/* Every page on a phone (issue 18): the main navigation folds behind a menu button on narrow screens,
   and every table scrolls inside a box of its own instead of widening the page.

   Loaded on every page (base.html, vendor/base.html), from a file: the CSP allows no inline script.
   Without it the navigation simply wraps and tables stay as they are. */
(function () {
  "use strict";

  function setUpMenu() {
    var bar = document.querySelector(".topbar");
    var button = bar && bar.querySelector(".menu-toggle");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
    bar.classList.add("has-menu");
    button.hidden = false;
    set(false);
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu and gives focus back to its button.
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        set(false);
        button.focus();
      }
    });
  }

  // A scrolling box is a tab stop (and a named region) only while it has something to scroll:
  // otherwise keyboard users could not reach its hidden part, and on a wide screen it would be an
  // empty extra stop.
  function markScrollable(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", box.dataset.label || "Table, scrolls sideways");
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
    }
  }

  function wrapTables(root) {
    var tables = root.querySelectorAll("table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.parentElement.classList.contains("table-scroll")) return;
      var box = document.createElement("div");
      box.className = "table-scroll";
      var caption = table.querySelector("caption");
      var heading = table.getAttribute("aria-label") || (caption && caption.textContent.trim());
      if (heading) box.dataset.label = heading + " (scrolls sideways)";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  function refresh() {
    wrapTables(document.querySelector("main") || document.body);
    Array.prototype.forEach.call(document.querySelectorAll(".table-scroll"), markScrollable);
  }

  var pending = null;
  function refreshSoon() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () {
      pending = null;
      refresh();
    });
  }

  function start() {
    setUpMenu();
    refresh();
    window.addEventListener("resize", refreshSoon);
    // Pages add rows and fragments as people work (the review page swaps fragments in).
    var main = document.querySelector("main");
    if (main && window.MutationObserver) {
      new MutationObserver(refreshSoon).observe(main, { childList: true, subtree: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
