/* The vendor pages' buttons that POST (confirm the invitation, mark the part done).
 *
 * The invitation link's page sends Referrer-Policy: no-referrer (its URL holds the token), and
 * under that policy browsers send "Origin: null" with a form's POST navigation, which Django's
 * CSRF check rightly refuses. The same POST made with fetch() carries the page's real origin, so
 * the forms are sent that way: a redirect is followed to its page, any other answer (a refusal,
 * or the page asking to confirm "done") is shown as it is. The pages behind the link send
 * same-origin, so their forms ("done" and its confirmation) also work without this script.
 */
(function () {
  "use strict";
  document.querySelectorAll("form[data-vendor-post]").forEach(function (form) {
    var error = form.querySelector("[data-vendor-post-error]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var summary = document.querySelector("[data-save-summary]");
      if (summary && summary.dataset.state && summary.dataset.state !== "saved") {
        error.textContent = "Wait until every change is saved, then try again.";
        return;
      }
      var button = form.querySelector("button[type=submit]");
      var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      button.disabled = true;
      error.textContent = "";
      fetch(form.action, {
        method: "POST", credentials: "same-origin",
        headers: {"X-CSRFToken": token}, body: new FormData(form)
      }).then(function (response) {
        if (response.redirected) { location.assign(response.url); return; }
        return response.text().then(function (html) {
          document.open(); document.write(html); document.close();
        });
      }, function () {
        button.disabled = false;
        error.textContent = "The connection failed; nothing was changed. Try again.";
      });
    });
  });
})();
