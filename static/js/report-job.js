/* Follows a report job until it is done or failed, without reloading the page. */
(function () {
  "use strict";
  var box = document.querySelector("[data-report-job]");
  if (!box) return;
  var url = box.dataset.statusUrl;
  var delay = 700;
  function q(sel) { return box.querySelector(sel); }
  function show(job) {
    q("[data-job-status]").textContent = job.status.charAt(0).toUpperCase() + job.status.slice(1);
    q("[data-job-progress]").value = job.progress;
    q("[data-job-percent]").textContent = job.progress + "%";
    q("[data-job-attempts]").textContent = job.attempts;
    q("[data-job-error]").textContent = job.status === "failed" ? job.error : "";
    q("[data-job-done]").hidden = job.status !== "done";
    q("[data-job-sha]").textContent = job.sha256 || "";
    q("[data-job-scorecard]").textContent = job.scorecard_sha256 || "";
    q("[data-job-retry]").hidden = job.status !== "failed";
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
