/* The assessment form: domain tabs, show_if follow-ups, autosave with optimistic locking.
 *
 * Nothing typed may be lost: every change is written to localStorage before it is sent and removed
 * only when the server confirmed it. Failed saves are retried with backoff (and at once when the
 * browser comes back online); a reload restores and resends whatever was still pending. A save
 * based on a stale version comes back 409 with the server's copy, and the person chooses.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-assessment-form]");
  if (!root) return;

  var editable = root.dataset.editable === "1";
  var answerUrl = root.dataset.answerUrl;  // with __key__ where the question key goes
  var evidenceUrl = root.dataset.evidenceUrl;
  var storeKey = "sbd-pending:" + root.dataset.assessment;
  var csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var LEVEL_LABELS = {claim: "Claim", documented: "Documented", attested: "Independently attested", verified: "Verified"};
  // The labels of Evidence.ScanStatus (assessments/models/assessment.py).
  var SCAN_LABELS = {not_scanned: "not scanned for malware", clean: "scanned, no malware found", pending_scan: "waiting for its malware scan", infected: "malware found, file removed"};
  var TEXT_DELAY = 800, CHOICE_DELAY = 150, MAX_BACKOFF = 30000;

  var pending = loadPending();
  var inflight = {};
  var timers = {};
  var attempts = {};

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $all(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function fieldsetFor(key) { return document.getElementById("q-" + key); }

  /* ---------- domain tabs ---------- */
  var sections = $all("section.domain", root);
  var links = $all("[data-domain-link]", root);
  function showDomain(key, focusTarget) {
    if (!sections.some(function (s) { return s.dataset.domain === key; })) key = sections[0].dataset.domain;
    sections.forEach(function (s) { s.hidden = s.dataset.domain !== key; });
    links.forEach(function (a) {
      if (a.dataset.domainLink === key) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
    });
    if (focusTarget) {
      focusTarget.scrollIntoView({block: "start"});
      var input = $("input, textarea, select", focusTarget);
      if (input) input.focus({preventScroll: true});
    }
  }
  function route() {
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("q-") === 0) {
      var fs = document.getElementById(hash);
      if (fs) { showDomain(fs.closest("section.domain").dataset.domain, fs); return; }
    }
    showDomain(hash.replace(/^domain-/, ""), null);
  }
  window.addEventListener("hashchange", route);
  route();

  /* ---------- reading and writing one question's values ---------- */
  function readValues(fs) {
    var checked = $("input[type=radio]:checked", fs);
    var value = checked ? checked.value : null;
    return {
      option: value && value !== "__na__" ? value : null,
      na: value === "__na__",
      text: $("[data-text]", fs).value,
      evidence_level: $("[data-level]", fs).value
    };
  }
  function applyValues(fs, values) {
    $all("input[type=radio]", fs).forEach(function (r) {
      r.checked = values.na ? r.value === "__na__" : r.value === values.option;
    });
    $("[data-text]", fs).value = values.text || "";
    var select = $("[data-level]", fs);
    if (!$("option[value='" + values.evidence_level + "']", select)) {
      var opt = document.createElement("option");
      opt.value = values.evidence_level;
      opt.textContent = LEVEL_LABELS[values.evidence_level] || values.evidence_level;
      select.appendChild(opt);
    }
    select.value = values.evidence_level;
  }
  function sameValues(a, b) {
    return a.option === b.option && a.na === b.na && a.text === b.text && a.evidence_level === b.evidence_level;
  }

  /* ---------- save state display ---------- */
  function setState(fs, state, message) {
    fs.dataset.saveState = state;
    $("[data-save-state]", fs).textContent = message;
    updateSummary();
  }
  function updateSummary() {
    var keys = Object.keys(pending);
    var failed = $all("fieldset.question[data-save-state=failed], fieldset.question[data-save-state=conflict]", root).length;
    var el = $("[data-save-summary]", root);
    if (failed) el.textContent = failed + " answer(s) not saved — see the marked questions.";
    else if (keys.length) el.textContent = "Saving " + keys.length + " change(s)…";
    else el.textContent = "All changes saved.";
    el.dataset.state = failed ? "failed" : keys.length ? "saving" : "saved";
  }

  /* ---------- pending store ---------- */
  function loadPending() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch (e) { return {}; }
  }
  function persist() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode: memory only */ }
  }

  /* ---------- autosave ---------- */
  function schedule(fs, delay) {
    var key = fs.dataset.question;
    var base = pending[key] ? pending[key].version : Number(fs.dataset.version) || null;
    pending[key] = {values: readValues(fs), version: base};
    persist();
    setState(fs, "saving", "Saving…");
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { send(key); }, delay);
  }

  function send(key) {
    var entry = pending[key];
    var fs = fieldsetFor(key);
    if (!entry || !fs || inflight[key]) return;
    inflight[key] = true;
    var body = Object.assign({}, entry.values);
    if (entry.version) body.version = entry.version;
    fetch(answerUrl.replace("__key__", encodeURIComponent(key)), {
      method: "PUT",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        inflight[key] = false;
        handleResponse(key, fs, body, response.status, data);
      });
    }, function () {
      inflight[key] = false;
      retryLater(key, fs, "Not saved yet: the connection failed. Retrying…");
    });
  }

  function handleResponse(key, fs, sent, status, data) {
    if (status >= 200 && status < 300) {
      attempts[key] = 0;
      fs.dataset.version = data.version;
      var now = pending[key];
      if (now && !sameValues(now.values, sent)) {
        now.version = data.version;  // typed more while the save was in flight
        persist();
        send(key);
        return;
      }
      delete pending[key];
      persist();
      var level = $("[data-level]", fs);
      if (data.evidence_level && level.value !== data.evidence_level) {
        // The server reset the level (a verified answer whose option changed is a claim again).
        applyValues(fs, {option: data.option, na: data.na, text: data.text, evidence_level: data.evidence_level});
        setState(fs, "saved", "Saved — the new answer counts as a claim until it is backed again");
      } else {
        setState(fs, "saved", "Saved");
      }
      refreshProgress();
    } else if (status === 409 && data.current) {
      showConflict(fs, data);
      setState(fs, "conflict", "Not saved: someone else changed this answer. Choose below.");
    } else if (status === 409) {
      setState(fs, "failed", (data.detail || "Not saved.") + " Your text is kept in this browser.");
    } else if (status === 400) {
      var messages = [];
      Object.keys(data).forEach(function (f) { messages = messages.concat(data[f]); });
      setState(fs, "failed", "Not saved: " + messages.join(" ") + " Your text is kept in this browser.");
    } else if (status === 401 || status === 403) {
      setState(fs, "failed", "Not saved: you are signed out or not allowed. Sign in again in another tab; your changes are kept here and will be sent.");
      retryLater(key, fs, null);
    } else {
      retryLater(key, fs, "Not saved yet: the server had a problem. Retrying…");
    }
  }

  function retryLater(key, fs, message) {
    attempts[key] = (attempts[key] || 0) + 1;
    var delay = Math.min(MAX_BACKOFF, 1000 * Math.pow(2, attempts[key] - 1));
    if (message) setState(fs, "failed", message);
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () { send(key); }, delay);
  }

  /* ---------- conflicts ---------- */
  function describe(fs, values) {
    var label = "no option chosen";
    if (values.na) label = "Not applicable";
    else if (values.option) {
      var radio = $("input[type=radio][value='" + values.option + "']", fs);
      label = radio ? radio.parentNode.textContent.trim() : values.option;
    }
    return label;
  }
  function column(fs, title, values, extra) {
    var box = document.createElement("div");
    var h = document.createElement("h4"); h.textContent = title; box.appendChild(h);
    var p1 = document.createElement("p"); p1.appendChild(bidiIsolated(describe(fs, values))); box.appendChild(p1);
    var p2 = document.createElement("p"); p2.className = "small"; p2.textContent = "Evidence: " + (LEVEL_LABELS[values.evidence_level] || values.evidence_level); box.appendChild(p2);
    var q = document.createElement("blockquote");
    if (values.text) q.appendChild(bidiIsolated(values.text)); else q.textContent = "(no explanation)";
    box.appendChild(q);
    if (extra) { var p3 = document.createElement("p"); p3.className = "muted small"; p3.textContent = extra; box.appendChild(p3); }
    return box;
  }
  function showConflict(fs, data) {
    var key = fs.dataset.question;
    var theirs = data.current;
    var panel = $("[data-conflict]", fs);
    panel.textContent = "";
    var intro = document.createElement("p");
    intro.append("This answer was changed by ", bidiIsolated(theirs.updated_by || "someone"),
      " after you opened the page. Nothing was overwritten.");
    panel.appendChild(intro);
    var cols = document.createElement("div"); cols.className = "conflict-cols";
    cols.appendChild(column(fs, "Their saved answer", {option: theirs.option, na: theirs.na, text: theirs.text, evidence_level: theirs.evidence_level}, theirs.updated_at ? "Saved " + new Date(theirs.updated_at).toLocaleString() : ""));
    cols.appendChild(column(fs, "Your answer (not saved)", pending[key].values, ""));
    panel.appendChild(cols);
    var mine = document.createElement("button"); mine.type = "button"; mine.className = "primary"; mine.textContent = "Keep mine (replace theirs)";
    var use = document.createElement("button"); use.type = "button"; use.className = "secondary"; use.textContent = "Use theirs (discard mine)";
    mine.addEventListener("click", function () {
      pending[key].version = theirs.version; persist();
      panel.hidden = true; setState(fs, "saving", "Saving…"); send(key);
    });
    use.addEventListener("click", function () {
      delete pending[key]; persist();
      applyValues(fs, theirs); fs.dataset.version = theirs.version;
      panel.hidden = true; setState(fs, "saved", "Saved (their version kept)");
      evaluateShowIf(); refreshProgress();
    });
    panel.appendChild(mine); panel.appendChild(use);
    panel.hidden = false;
  }

  /* ---------- show_if and progress ---------- */
  var questions = $all("fieldset.question", root);
  function chosenOption(fs) {
    var checked = $("input[type=radio]:checked", fs);
    return checked && checked.value !== "__na__" ? checked.value : null;
  }
  function evaluateShowIf() {
    // show-if.js holds the rule; the page gives it each question's rule and chosen option.
    var rules = [], chosen = {};
    questions.forEach(function (fs) {  // document order: a parent always comes before its follow-ups
      rules.push([fs.dataset.question, fs.dataset.showIf ? JSON.parse(fs.dataset.showIf) : null]);
      chosen[fs.dataset.question] = chosenOption(fs);
    });
    var hidden = SbdShowIf.hiddenQuestions(rules, chosen);
    questions.forEach(function (fs) { fs.hidden = hidden[fs.dataset.question]; });
  }
  function refreshProgress() {
    var total = 0, done = 0;
    sections.forEach(function (section) {
      var applicable = 0, answered = 0;
      $all("fieldset.question", section).forEach(function (fs) {
        if (fs.hidden) return;
        applicable += 1;
        if ($("input[type=radio]:checked", fs)) answered += 1;
      });
      total += applicable; done += answered;
      var badge = $("[data-domain-progress='" + section.dataset.domain + "']", root);
      if (badge) badge.textContent = answered + "/" + applicable;
    });
    $("[data-overall-progress]", root).textContent = done + " of " + total + " answered";
  }

  /* ---------- evidence ---------- */
  var dialog = document.getElementById("evidence-dialog");
  var dialogTarget = null;
  function openEvidence(fs) {
    dialogTarget = fs;
    var question = $("[data-evidence-question]", dialog);
    question.textContent = "";
    question.appendChild(bidiIsolated($("legend", fs).textContent.replace(/required$/, "").trim()));
    $("[data-evidence-error]", dialog).textContent = "";
    $all("input, select", dialog).forEach(function (i) { i.value = ""; });
    dialog.showModal();
  }
  function attach() {
    var fs = dialogTarget;
    var error = $("[data-evidence-error]", dialog);
    var file = $("[data-file]", dialog).files[0];
    var url = $("[data-url]", dialog).value.trim();
    var data = new FormData();
    data.append("question_key", fs.dataset.question);
    if (file) data.append("file", file);
    if (url) data.append("url", url);
    data.append("note", $("[data-note]", dialog).value);
    error.textContent = "Uploading…";
    fetch(evidenceUrl, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": csrfToken, "Accept": "application/json"}, body: data})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.status === 201) {
            appendEvidence(fs, body);
            dialog.close();
            $("[data-save-state]", fs).textContent = "Evidence attached";
          } else if (response.status === 413) {
            error.textContent = "The file is larger than 20 MB.";
          } else {
            var messages = [];
            Object.keys(body).forEach(function (f) { messages = messages.concat(body[f]); });
            error.textContent = messages.join(" ") || "The evidence could not be stored.";
          }
        });
      }, function () { error.textContent = "Upload failed: the connection was lost. Try again."; });
  }
  function appendEvidence(fs, body) {
    var li = document.createElement("li");
    // A file gets a link only when it may be downloaded (the vendor form and a file waiting for
    // its malware scan get none); a link is always a link.
    var href = body.url || body.download_url;
    var a = document.createElement(href ? "a" : "span");
    a.appendChild(bidiIsolated(body.name || body.url));
    if (href) a.href = href;
    if (body.url) { a.rel = "noopener noreferrer nofollow"; a.target = "_blank"; }
    li.appendChild(a);
    if (body.sha256) { var s = document.createElement("span"); s.className = "muted small"; s.textContent = " sha256 " + body.sha256.slice(0, 12) + "…"; li.appendChild(s); }
    if (body.sha256 && body.scan_status) {
      var scan = document.createElement("span");
      scan.className = "scan-status scan-" + body.scan_status;
      scan.textContent = SCAN_LABELS[body.scan_status] || body.scan_status;
      li.appendChild(document.createTextNode(" "));
      li.appendChild(scan);
    }
    if (body.note) li.append(" — ", bidiIsolated(body.note));
    if (body.document_url && body.download_url) {
      var doc = document.createElement("a");
      var kindSelect = dialog ? $("[data-kind]", dialog) : null;
      var kind = kindSelect ? kindSelect.value : "";
      doc.className = "document-link small";
      doc.href = body.document_url + (kind ? "?kind=" + encodeURIComponent(kind) : "");
      doc.textContent = kind ? "Record what this " + kindSelect.selectedOptions[0].textContent + " covers" : "Say what this document is";
      li.appendChild(document.createTextNode(" · "));
      li.appendChild(doc);
    }
    $("[data-evidence-list]", fs).appendChild(li);
    if (body.answer_version && !pending[fs.dataset.question]) fs.dataset.version = body.answer_version;
  }
  if (dialog) {
    $("[data-attach]", dialog).addEventListener("click", attach);
    $("[data-attach-cancel]", dialog).addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (dialogTarget) { var b = $("[data-attach-open]", dialogTarget); if (b) b.focus(); } });
  }

  /* ---------- wiring ---------- */
  questions.forEach(function (fs) {
    if (editable) {
      fs.addEventListener("change", function (event) {
        if (event.target.matches("input[type=radio], [data-level]")) {
          if (event.target.type === "radio") { evaluateShowIf(); refreshProgress(); }
          schedule(fs, CHOICE_DELAY);
        }
      });
      fs.addEventListener("input", function (event) {
        if (event.target.matches("[data-text]")) schedule(fs, TEXT_DELAY);
      });
    }
    var attachButton = $("[data-attach-open]", fs);
    if (attachButton) attachButton.addEventListener("click", function () { openEvidence(fs); });
  });

  // Restore and resend anything a previous visit could not save.
  Object.keys(pending).forEach(function (key) {
    var fs = fieldsetFor(key);
    if (!fs || !editable) return;
    applyValues(fs, pending[key].values);
    setState(fs, "saving", "Restored your unsaved change; saving…");
    send(key);
  });
  if (editable) { evaluateShowIf(); refreshProgress(); updateSummary(); }

  window.addEventListener("online", function () { Object.keys(pending).forEach(send); });
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length) { event.preventDefault(); event.returnValue = ""; }
  });
  var submitForm = $("[data-submit-form]", root);
  if (submitForm) submitForm.addEventListener("submit", function (event) {
    if (Object.keys(pending).length) {
      event.preventDefault();
      $("[data-save-summary]", root).textContent = "Wait until every change is saved, then submit.";
    }
  });
})();
