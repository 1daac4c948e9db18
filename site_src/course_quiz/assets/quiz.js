/* Course quiz: makes the quiz markup rendered by course_quiz/render.py interactive.
 * Answers are checked against salted SHA-256 digests in data-key (see keycodec.py): the same
 * canonical forms, normalisation and number rules as pagecheck.py. Progress is kept in
 * localStorage under "cq:v1:<quiz id>". Runs again on Material's document$ (instant navigation). */
(function () {
  "use strict";
  var FORMAT = 1;
  var K = [], H0 = [];

  function initConstants() {
    // First 32 bits of the fractional parts of square and cube roots of the first primes.
    for (var n = 2, found = 0; found < 64; n++) {
      var prime = true;
      for (var d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
      if (!prime) continue;
      if (found < 8) H0[found] = (Math.pow(n, 1 / 2) * 4294967296) | 0;
      K[found++] = (Math.pow(n, 1 / 3) * 4294967296) | 0;
    }
  }

  function sha256hex(text) {
    if (!K.length) initConstants();
    var bytes = Array.from(new TextEncoder().encode(text));
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (var s = 56; s >= 0; s -= 8) bytes.push(s >= 32 ? Math.floor(bitLength / Math.pow(2, s)) & 255 : (bitLength >>> s) & 255);
    var h = H0.slice(), w = [];
    for (var off = 0; off < bytes.length; off += 64) {
      for (var i = 0; i < 64; i++) {
        if (i < 16) {
          w[i] = (bytes[off + 4 * i] << 24) | (bytes[off + 4 * i + 1] << 16) | (bytes[off + 4 * i + 2] << 8) | bytes[off + 4 * i + 3];
        } else {
          var a = w[i - 15], b = w[i - 2];
          var s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
          var s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
          w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
        }
      }
      var v = h.slice();
      for (i = 0; i < 64; i++) {
        var e = v[4], x = v[0];
        var t1 = v[7] + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
          ((e & v[5]) ^ (~e & v[6])) + K[i] + w[i];
        var t2 = (((x >>> 2) | (x << 30)) ^ ((x >>> 13) | (x << 19)) ^ ((x >>> 22) | (x << 10))) +
          ((x & v[1]) ^ (x & v[2]) ^ (v[1] & v[2]));
        v = [(t1 + t2) | 0, x, v[1], v[2], (v[3] + t1) | 0, e, v[5], v[6]];
      }
      for (i = 0; i < 8; i++) h[i] = (h[i] + v[i]) | 0;
    }
    return h.map(function (word) { return ("00000000" + (word >>> 0).toString(16)).slice(-8); }).join("");
  }

  function digest(salt, canonical) {
    return sha256hex(salt + "\x1f" + canonical).slice(0, 16);
  }

  function normalize(text, rules) {
    var value = text.normalize("NFC");
    if (rules.indexOf("diacritics") >= 0) value = value.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
    if (rules.indexOf("case") >= 0) value = value.toLowerCase();
    if (rules.indexOf("punctuation") >= 0) value = value.replace(/\p{P}/gu, "");
    if (rules.indexOf("whitespace") >= 0) value = value.replace(/\s+/g, " ");
    return value.trim();
  }

  /* Floor and ceiling of a typed number in steps of 10^-decimals, as strings of integers. */
  function numericBounds(raw, decimals, unit) {
    var text = raw.replace(/[\s\u00a0\u202f]/g, "");
    var bareUnit = (unit || "").replace(/ /g, "");
    if (bareUnit && text.toLowerCase().endsWith(bareUnit.toLowerCase())) text = text.slice(0, text.length - bareUnit.length);
    if (text.endsWith("%")) text = text.slice(0, -1);
    text = text.indexOf(".") >= 0 ? text.replace(/,/g, "") : text.replace(/,/g, ".");
    var m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!m || !(m[2] || m[3])) return null;
    var fraction = m[3] || "";
    var kept = fraction.slice(0, decimals);
    while (kept.length < decimals) kept += "0";
    var magnitude = BigInt((m[2] || "0") + kept);
    var inexact = /[1-9]/.test(fraction.slice(decimals));
    if (m[1] === "-") return [String(-magnitude - (inexact ? 1n : 0n)), String(-magnitude)];
    return [String(magnitude), String(magnitude + (inexact ? 1n : 0n))];
  }

  function canonical(type, response, key) {
    if (type === "single" || type === "true-false") return [response];
    if (type === "multiple") return [response.slice().sort().join(",")];
    if (type === "order") return [response.join(",")];
    if (type === "match") {
      return [Object.keys(response).sort().map(function (left) { return left + "=" + response[left]; }).join(",")];
    }
    if (type === "short") return [normalize(response, key.normalize || [])];
    return numericBounds(response, key.decimals || 0, key.unit) || ["not-a-number"];
  }

  function accepts(type, key, response) {
    return canonical(type, response, key).every(function (c) { return key.digests.indexOf(digest(key.salt, c)) >= 0; });
  }

  /* ---- Page behaviour ------------------------------------------------------------------ */

  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function readResponse(form, type) {
    if (type === "single" || type === "true-false") {
      var picked = form.querySelector("input:checked");
      return picked ? picked.value : { missing: "Choose an answer first." };
    }
    if (type === "multiple") {
      var ids = all(form, "input:checked").map(function (input) { return input.value; });
      return ids.length ? ids : { missing: "Select at least one option." };
    }
    if (type === "short" || type === "numeric") {
      var text = form.querySelector("input[type=text]").value;
      return text.trim() ? text : { missing: "Type an answer first." };
    }
    var selects = all(form, "select");
    if (selects.some(function (s) { return !s.value; })) return { missing: "Make a choice in every list first." };
    if (type === "match") {
      var pairs = {};
      selects.forEach(function (s) { pairs[s.getAttribute("data-left-id")] = s.value; });
      return pairs;
    }
    var positions = selects.map(function (s) { return s.value; });
    if (new Set(positions).size !== positions.length) return { missing: "Give each position only once." };
    return selects.slice().sort(function (a, b) { return a.value - b.value; })
      .map(function (s) { return s.getAttribute("data-item-id"); });
  }

  function writeResponse(form, type, response) {
    if (type === "single" || type === "true-false" || type === "multiple") {
      var chosen = [].concat(response);
      all(form, "input").forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
    } else if (type === "short" || type === "numeric") {
      form.querySelector("input[type=text]").value = response;
    } else if (type === "match") {
      all(form, "select").forEach(function (s) { s.value = response[s.getAttribute("data-left-id")] || ""; });
    } else {
      all(form, "select").forEach(function (s) { s.value = String(response.indexOf(s.getAttribute("data-item-id")) + 1); });
    }
  }

  function store(quizId) {
    var name = "cq:v" + FORMAT + ":" + quizId;
    return {
      load: function () {
        try {
          var data = JSON.parse(window.localStorage.getItem(name) || "null");
          return data && data.v === FORMAT && data.answers ? data : { v: FORMAT, answers: {} };
        } catch (error) { return { v: FORMAT, answers: {} }; }
      },
      save: function (data) { try { window.localStorage.setItem(name, JSON.stringify(data)); } catch (error) { /* private mode */ } },
      clear: function () { try { window.localStorage.removeItem(name); } catch (error) { /* private mode */ } }
    };
  }

  function showResult(form, type, response, right) {
    var result = form.querySelector(".cq-result");
    form.classList.toggle("cq-is-right", right);
    form.classList.toggle("cq-is-wrong", !right);
    all(form, ".cq-option").forEach(function (option) {
      var chosen = [].concat(response).indexOf(option.getAttribute("data-option-id")) >= 0;
      option.classList.toggle("cq-chosen", chosen);
      var feedback = option.querySelector(".cq-option-feedback");
      if (feedback) feedback.hidden = !chosen;
    });
    result.textContent = "";
    var verdict = document.createElement("strong");
    verdict.textContent = right ? "Right." : "Not quite.";
    result.appendChild(verdict);
    result.appendChild(document.createTextNode(right ? " See the explanation below." : " Read the feedback, review the section and try again."));
    var review = form.querySelector(".cq-review a");
    if (!right && review) {
      result.appendChild(document.createTextNode(" "));
      result.appendChild(review.cloneNode(true));
    }
    var explanation = form.querySelector(".cq-explanation");
    if (explanation) { explanation.classList.add("cq-shown"); explanation.open = right; }
    form.querySelector(".cq-retry").hidden = false;
    all(form, "input, select").forEach(function (control) { control.disabled = true; });
    form.querySelector(".cq-check").disabled = true;
  }

  function clearResult(form) {
    form.classList.remove("cq-is-right", "cq-is-wrong");
    form.querySelector(".cq-result").textContent = "";
    all(form, ".cq-option").forEach(function (option) {
      option.classList.remove("cq-chosen");
      var feedback = option.querySelector(".cq-option-feedback");
      if (feedback) feedback.hidden = true;
    });
    var explanation = form.querySelector(".cq-explanation");
    if (explanation) { explanation.classList.remove("cq-shown"); explanation.open = false; }
    form.querySelector(".cq-retry").hidden = true;
    all(form, "input, select").forEach(function (control) { control.disabled = false; });
    form.querySelector(".cq-check").disabled = false;
  }

  function setupQuiz(quiz) {
    if (quiz.getAttribute("data-cq-ready")) return;
    quiz.setAttribute("data-cq-ready", "1");
    quiz.classList.add("cq-js");
    var saved = store(quiz.getAttribute("data-quiz-id"));
    var state = saved.load();
    var forms = all(quiz, "form.cq-question");
    var score = quiz.querySelector(".cq-score");

    function updateScore() {
      var answered = 0, right = 0;
      forms.forEach(function (form) {
        var entry = state.answers[form.getAttribute("data-question-id")];
        if (entry) { answered++; if (entry.right) right++; }
      });
      score.textContent = "Score: " + right + " of " + forms.length + " right" + (answered < forms.length ? " (" + answered + " answered)." : ".");
    }

    forms.forEach(function (form) {
      var type = form.getAttribute("data-type");
      var key = JSON.parse(form.getAttribute("data-key"));
      var unit = form.querySelector(".cq-unit");
      key.unit = unit ? unit.textContent : "";
      var id = form.getAttribute("data-question-id");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var response = readResponse(form, type);
        if (response && response.missing) {
          form.querySelector(".cq-result").textContent = response.missing;
          return;
        }
        var right = accepts(type, key, response);
        state.answers[id] = { response: response, right: right };
        saved.save(state);
        showResult(form, type, response, right);
        form.querySelector(".cq-retry").focus();  // the check button is now disabled
        updateScore();
      });
      form.querySelector(".cq-retry").addEventListener("click", function () {
        clearResult(form);
        var first = form.querySelector("input, select");
        if (first) first.focus();
      });
      var previous = state.answers[id];
      if (previous) {
        writeResponse(form, type, previous.response);
        showResult(form, type, previous.response, accepts(type, key, previous.response));
      }
    });

    quiz.querySelector(".cq-reset").addEventListener("click", function () {
      state = { v: FORMAT, answers: {} };
      saved.clear();
      forms.forEach(function (form) { clearResult(form); form.reset(); });
      updateScore();
    });
    updateScore();
  }

  function init() { all(document, ".cq-quiz").forEach(setupQuiz); }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { sha256hex: sha256hex, digest: digest, normalize: normalize, numericBounds: numericBounds, accepts: accepts };
  } else if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
