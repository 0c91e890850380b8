/* Typed text that a script puts into the page (a name, a question, a note) goes into a <bdi>, its
 * direction controls balanced first, so that right-to-left text or a RIGHT-TO-LEFT OVERRIDE in it
 * cannot reverse or move what follows. The same rule as core/bidi.py, which explains it;
 * tests/e2e/test_typed_text_keeps_its_place.py keeps the two alike.
 */
(function () {
  "use strict";
  var OPEN_EMBEDDING = "\u202a\u202b\u202d\u202e";  // LRE, RLE, LRO, RLO
  var OPEN_ISOLATE = "\u2066\u2067\u2068";  // LRI, RLI, FSI
  var PDF = "\u202c", PDI = "\u2069";
  var PARAGRAPH_BREAKS = /[\x1c-\x1e\x85\u2029]/g;

  function balanced(text) {
    var out = [], opened = [];  // what closes each thing still open, innermost last
    String(text).replace(PARAGRAPH_BREAKS, " ").split("").forEach(function (ch) {
      if (OPEN_EMBEDDING.indexOf(ch) >= 0) opened.push(PDF);
      else if (OPEN_ISOLATE.indexOf(ch) >= 0) opened.push(PDI);
      else if (ch === PDF) {
        if (opened[opened.length - 1] !== PDF) return;  // nothing of the text's own to close
        opened.pop();
      } else if (ch === PDI) {
        if (opened.indexOf(PDI) < 0) return;  // it would close an isolate around the text
        while (opened.pop() !== PDI) { /* a PDI also closes the embeddings inside its isolate */ }
      }
      out.push(ch);
    });
    return out.join("") + opened.reverse().join("");
  }

  window.bidiBalanced = balanced;
  window.bidiIsolated = function (text) {
    var bdi = document.createElement("bdi");
    bdi.textContent = balanced(text);
    return bdi;
  };
})();
