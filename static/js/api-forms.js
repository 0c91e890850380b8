/* Review and invitation actions: each form posts JSON to its REST endpoint (data-endpoint, built
 * with {% url %}; the same services as everywhere else) and shows the refusal next to the form
 * without losing what was typed. On success a form with data-refresh hands over to the page's own
 * script (the review workspace swaps in what changed; nothing else on the page is touched), and
 * any other form reloads so the page shows the new numbers. data-clear empties the form's typed
 * fields after a success (not those marked data-keep). */
(function () {
  "use strict";
  var root = document.querySelector("[data-api-forms]");
  if (!root) return;
  // data-go-to-new holds the new assessment's form URL with this id in place of the new one's.
  var NEW_ID = "00000000-0000-0000-0000-000000000000";
  var csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var LIST_FIELDS = {question_keys: true, finding_keys: true, domains: true};

  function payload(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
        return;
      }
      var value = el.value;
      if (el.hasAttribute("data-number")) value = value === "" ? null : Number(value);
      else if (el.type === "date" && value === "") value = null;
      if (LIST_FIELDS[el.name]) (data[el.name] = data[el.name] || []).push(value);
      else data[el.name] = value;
    });
    Object.keys(LIST_FIELDS).forEach(function (name) {
      if (form.id === "request-changes-form" && name === "question_keys" && !data[name]) data[name] = [];
    });
    return data;
  }

  // A file upload goes as multipart (the browser sets the boundary); empty fields are left out,
  // so "a file or a link" is judged by the server on what the person actually gave.
  function formData(form) {
    var data = new FormData();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === "file") {
        if (el.files.length) data.append(el.name, el.files[0]);
      } else if (el.value !== "") {
        data.append(el.name, el.value);
      }
    });
    return data;
  }

  function messages(body) {
    if (!body || typeof body !== "object") return ["The change was refused."];
    var out = [];
    Object.keys(body).forEach(function (key) {
      var value = body[key];
      if (key === "current") return;
      (Array.isArray(value) ? value : [value]).forEach(function (v) {
        out.push(typeof v === "string" ? v : JSON.stringify(v));
      });
    });
    return out.length ? out : ["The change was refused."];
  }

  function clear(form) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.hasAttribute("data-keep") || el.type === "hidden" || el.tagName === "SELECT") return;
      if (el.tagName === "TEXTAREA" || /^(text|url|file|date|number)$/.test(el.type)) el.value = "";
    });
  }

  // One listener for the whole page, so forms a script adds later (the review workspace builds a
  // row's actions when they are opened) are sent the same way.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.api-form")) return;
    (function () {
      event.preventDefault();
      var errors = form.querySelector("[data-errors]");
      var button = form.querySelector("button[type=submit]");
      errors.textContent = "";
      // Disabling a focused button drops focus; give it back afterwards so keyboard users stay put.
      var hadFocus = document.activeElement === button || form.contains(document.activeElement);
      var focused = document.activeElement;
      button.disabled = true;
      function release() {
        button.disabled = false;
        if (hadFocus && document.activeElement === document.body) (focused || button).focus();
      }
      var multipart = form.hasAttribute("data-multipart");
      var headers = {"Accept": "application/json", "X-CSRFToken": csrfToken};
      if (!multipart) headers["Content-Type"] = "application/json";
      fetch(form.dataset.endpoint, {
        method: "POST", credentials: "same-origin", headers: headers,
        body: multipart ? formData(form) : JSON.stringify(payload(form))
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          release();
          if (response.ok) {
            if (form.dataset.goToNew && body.id) {
              location.href = form.dataset.goToNew.replace(NEW_ID, body.id);
              return;
            }
            form.dispatchEvent(new CustomEvent("api-form:done", {bubbles: true, detail: {body: body}}));
            if (form.hasAttribute("data-clear")) clear(form);
            if (form.hasAttribute("data-refresh")) return;
            var anchor = form.closest("[id]");
            if (anchor && anchor.id) history.replaceState(null, "", "#" + anchor.id);
            location.reload();
          } else {
            errors.textContent = messages(body).join(" ");
          }
        });
      }, function () {
        release();
        errors.textContent = "The connection failed; nothing was changed. Try again.";
      });
    })();
  });

})();
