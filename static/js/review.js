/* The review workspace. After an action succeeds (api-forms.js sends it), ask the server for the
 * parts that changed — the answer's row, the side panel, the navigation counts, the decision's
 * needs — and swap each in by id. Forms are never swapped, so ticked boxes and half-typed text
 * anywhere on the page survive, and focus stays where the architect was.
 * Also: a row's actions are built from one template when opened (most never are), the "ask to
 * clarify" ticks are kept per assessment while moving between domains, and the decision goes
 * through a confirmation dialog the server renders. */
(function () {
  "use strict";
  var root = document.querySelector("[data-review]");
  if (!root) return;
  var csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var status = document.querySelector("[data-review-status]");
  var view = root.dataset.view, viewKey = root.dataset.viewKey;

  function fragmentsUrl(keys) {
    var params = new URLSearchParams();
    params.set("rows", keys.join(","));
    if (view === "domain") params.set("domain", viewKey);
    if (view === "filter") params.set("show", viewKey);
    if (view === "decision") params.set("show", "decision");
    return root.dataset.fragments + "?" + params.toString();
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    Array.prototype.forEach.call(doc.body.children, function (fresh) {
      if (!fresh.id) return;
      var old = document.getElementById(fresh.id);
      if (old) old.replaceWith(document.importNode(fresh, true));
    });
  }

  function refresh(keys) {
    return fetch(fragmentsUrl(keys), {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) {
        if (!response.ok) throw new Error("refresh failed");
        return response.text();
      })
      .then(function (html) {
        swap(html);
        var grade = document.querySelector("#review-panel .grade span");
        var reviewed = document.querySelector("#review-nav [data-reviewed-total]");
        announce("Saved. Grade " + (grade ? grade.textContent : "?") +
          (reviewed ? "; " + reviewed.textContent.toLowerCase() : "") + ".");
      })
      .catch(function () {
        announce("Saved, but the page could not update itself; reload it to see the new numbers.");
      });
  }

  function announce(text) {
    if (status) status.textContent = text;
  }

  root.addEventListener("api-form:done", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-refresh")) {
      if (form.hasAttribute("data-clarify-form")) clarify.clear();
      return;
    }
    var keys = form.dataset.refresh ? form.dataset.refresh.split(",") : [];
    refresh(keys);
  });

  /* "Ask to clarify" ticks, kept in this tab for this assessment across domain pages. */
  var clarify = (function () {
    var storeKey = "review-clarify-" + root.dataset.assessment;
    var form = document.querySelector("[data-clarify-form]");
    function load() {
      try { return JSON.parse(sessionStorage.getItem(storeKey) || "{}"); } catch (e) { return {}; }
    }
    function save(ticked) { sessionStorage.setItem(storeKey, JSON.stringify(ticked)); }
    function render(ticked) {
      if (!form) return;
      var holder = form.querySelector("[data-clarify-keys]");
      var counter = form.querySelector("[data-selected-count]");
      holder.textContent = "";
      var keys = Object.keys(ticked);
      keys.forEach(function (key) {
        var input = document.createElement("input");
        input.type = "hidden"; input.name = "question_keys"; input.value = key;
        holder.appendChild(input);
      });
      if (!keys.length) { counter.textContent = "No answer ticked yet."; return; }
      counter.textContent = keys.length === 1 ? "1 answer ticked: " : keys.length + " answers ticked: ";
      var list = document.createElement("ul");
      keys.forEach(function (key) {
        var item = document.createElement("li");
        item.appendChild(bidiIsolated(ticked[key]));
        list.appendChild(item);
      });
      counter.appendChild(list);
    }
    root.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches("input[data-clarify]")) return;
      var ticked = load();
      if (box.checked) ticked[box.value] = box.dataset.text; else delete ticked[box.value];
      save(ticked);
      render(ticked);
    });
    render(load());
    return {
      clear: function () { sessionStorage.removeItem(storeKey); },
      isTicked: function (key) { return Object.prototype.hasOwnProperty.call(load(), key); }
    };
  })();

  /* A row's actions, built from the page's one template the first time they are opened. */
  var template = document.getElementById("row-actions-template");
  function urlFor(name, key) {
    var pattern = root.dataset["url" + name.charAt(0).toUpperCase() + name.slice(1)] || "";
    return pattern.replace("__question_key__", encodeURIComponent(key));
  }
  function buildActions(row) {
    var key = row.dataset.row, data = row.dataset;
    var parts = template.content.cloneNode(true);
    parts.querySelectorAll("[data-verdict]").forEach(function (el) {
      if (!("verdicts" in data)) el.remove();
    });
    parts.querySelectorAll("[data-finding-only]").forEach(function (el) {
      if (!("finding" in data)) el.remove();
    });
    parts.querySelectorAll("[data-id]").forEach(function (el) { el.id = el.dataset.id + "-" + key; });
    parts.querySelectorAll("[data-for]").forEach(function (el) { el.htmlFor = el.dataset.for + "-" + key; });
    parts.querySelectorAll("form[data-url]").forEach(function (form) {
      form.dataset.endpoint = urlFor(form.dataset.url, key);
      form.dataset.refresh = key;
    });
    parts.querySelectorAll("[data-key-value]").forEach(function (el) { el.value = key; });
    var level = parts.querySelector("select[name=evidence_level]");
    if (level && data.level) level.value = data.level;
    var valid = parts.querySelector("input[name=valid_until]");
    if (valid) valid.value = data.validUntil || "";
    var score = parts.querySelector("input[name=score]");
    if (score) score.value = data.override || "";
    var accept = parts.querySelector("[data-accept-label]");
    if (accept && data.finding) {
      accept.textContent = "";
      accept.append("Accept the risk of “", bidiIsolated(data.finding), "” because…");
    }
    if ("reconfirm" in data) {
      var hint = parts.querySelector("[data-keep-hint]"), label = parts.querySelector("[data-keep-label]");
      if (hint) hint.textContent = "Carried from revision " + root.dataset.previousRevision + ": confirm it still holds.";
      if (label) label.textContent = "Reconfirm, level unchanged";
    }
    var box = parts.querySelector("input[data-clarify]");
    if (box) {
      box.value = key;
      box.dataset.text = data.text;
      box.checked = clarify.isTicked(key);
    }
    row.querySelector("[data-actions-slot]").appendChild(parts);
  }
  root.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.matches("details[data-actions]") || !details.open) return;
    var slot = details.querySelector("[data-actions-slot]");
    if (template && slot && !slot.children.length) buildActions(details.closest("[data-row]"));
  }, true);

  /* The decision: preview (what will be frozen, what is still missing), then confirm. */
  var decisionForm = document.querySelector("[data-decision-form]");
  var dialog = document.getElementById("decision-dialog");
  if (decisionForm && dialog) {
    var body = dialog.querySelector("[data-dialog-body]");
    var formErrors = decisionForm.querySelector("[data-errors]");
    var lastTrigger = null;

    decisionForm.addEventListener("submit", function (event) {
      event.preventDefault();
      lastTrigger = document.activeElement;
      formErrors.textContent = "";
      var data = new URLSearchParams(new FormData(decisionForm));
      fetch(decisionForm.dataset.preview, {
        method: "POST", credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken, "Accept": "text/html"}, body: data
      }).then(function (response) {
        if (!response.ok) throw new Error("preview failed");
        return response.text();
      }).then(function (html) {
        body.innerHTML = html;  // our own server-rendered, escaped fragment
        dialog.showModal();
        // With problems, start at the heading so they are read (and seen) first.
        var first = body.querySelector("[data-confirm-decision]") || body.querySelector("#confirm-h");
        if (first) first.focus();
      }).catch(function () {
        formErrors.textContent = "The connection failed; nothing was recorded. Try again.";
      });
    });

    dialog.addEventListener("close", function () {
      if (lastTrigger) lastTrigger.focus();
    });

    body.addEventListener("click", function (event) {
      if (event.target.closest("[data-close-dialog]")) { dialog.close(); return; }
      var confirm = event.target.closest("[data-confirm-decision]");
      if (!confirm) return;
      confirm.disabled = true;
      var errors = body.querySelector("[data-errors]");
      var payload = {};
      new FormData(decisionForm).forEach(function (value, key) { payload[key] = value; });
      fetch(decisionForm.dataset.endpoint, {
        method: "POST", credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken, "Accept": "application/json", "Content-Type": "application/json"},
        body: JSON.stringify(payload)
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (result) {
          if (response.ok) { location.href = location.pathname; return; }
          confirm.disabled = false;
          var out = [];
          Object.keys(result).forEach(function (key) {
            if (key === "uncovered_findings" || key === "current") return;
            [].concat(result[key]).forEach(function (v) { out.push(typeof v === "string" ? v : JSON.stringify(v)); });
          });
          errors.textContent = out.join(" ") || "The decision was refused.";
        });
      }, function () {
        confirm.disabled = false;
        errors.textContent = "The connection failed; nothing was recorded. Try again.";
      });
    });
  }
})();
