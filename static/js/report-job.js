/* Follows a report job (a PDF or an export) until it is done or failed, without reloading the page. */
(function () {
  "use strict";
  var box = document.querySelector("[data-report-job]");
  if (!box) return;
  var url = box.dataset.statusUrl;
  var delay = 700;
  // Parts only some kinds show (an export has no scorecard digest) are skipped where absent.
  function set(sel, apply) { var el = box.querySelector(sel); if (el) apply(el); }
  function show(job) {
    var finished = job.status === "done" || job.status === "failed";
    set("[data-job-status]", function (el) { el.textContent = job.status.charAt(0).toUpperCase() + job.status.slice(1); });
    set("[data-job-progress]", function (el) { el.value = job.progress; });
    set("[data-job-percent]", function (el) { el.textContent = job.progress + "%"; });
    set("[data-job-attempts]", function (el) { el.textContent = job.attempts; });
    set("[data-job-error]", function (el) { el.textContent = job.status === "failed" ? job.error : ""; });
    set("[data-job-done]", function (el) { el.hidden = job.status !== "done"; });
    set("[data-job-sha]", function (el) { el.textContent = job.sha256 || ""; });
    set("[data-job-scorecard]", function (el) { el.textContent = job.scorecard_sha256 || ""; });
    set("[data-job-retry]", function (el) { el.hidden = job.status !== "failed"; });
    // The sentence for the job's state: waiting (queued or running), done or failed.
    box.querySelectorAll("[data-job-when]").forEach(function (el) {
      el.hidden = el.dataset.jobWhen !== (finished ? job.status : "waiting");
    });
  }
  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (job) show(job);
        if (!job || (job.status !== "done" && job.status !== "failed")) {
          delay = Math.min(5000, delay * 1.3);
          setTimeout(poll, delay);
        }
      }, function () { setTimeout(poll, 3000); });
  }
  if (box.dataset.status !== "done" && box.dataset.status !== "failed") poll();
})();
