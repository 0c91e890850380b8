/* Which follow-up questions show_if hides: the browser's copy of scoring/visibility.py, so that
   a follow-up appears or goes the moment its controlling answer changes. The two must agree;
   tests/e2e/test_show_if_js_matches_python.py runs both on every rule of the questionnaire.

   rules: [[questionKey, {question, any_of}, a list of them (all must hold), or null], ...] in
   questionnaire order;
   chosen: {questionKey: chosen option key, or null for none (unanswered or N/A)}.
   Returns {questionKey: true when hidden}. */
(function (global) {
  "use strict";
  function hiddenQuestions(rules, chosen) {
    var hidden = {};
    rules.forEach(function (rule) {
      var conds = !rule[1] ? [] : (Array.isArray(rule[1]) ? rule[1] : [rule[1]]);
      // A controller is always earlier (the questionnaire loader refuses anything else); one
      // that is hidden, unanswered or N/A hides its follow-ups.
      hidden[rule[0]] = conds.some(function (cond) {
        return hidden[cond.question] === true || cond.any_of.indexOf(chosen[cond.question]) === -1;
      });
    });
    return hidden;
  }
  global.SbdShowIf = {hiddenQuestions: hiddenQuestions};
})(window);
