/*! course-quiz script; readable source: site_src/course_quiz/browser/quiz.js */
/* Course quiz: makes the quiz markup rendered by course_quiz/render.py interactive, and fills the
 * progress page (course_quiz/progress.py), the home page's lesson cards and the navigation marks.
 * Answers are checked against salted SHA-256 digests in data-key (see keycodec.py): the same
 * canonical forms, normalisation and number rules as each type's canonical_response (qtypes).
 * Answers are saved in localStorage under "cq:v2:<quiz id>", each with the stamp of the key it was
 * checked against (keycodec.key_stamp).
 * Every message it shows or writes comes from MESSAGES, in the language of the page's <html lang>.
 * Runs on the page's own load and again on Material's document$ (instant navigation). */
(() => {
  "use strict";
  const FORMAT = 2;

  /* ---- Messages: one table per language, chosen by <html lang> (zh* is Chinese, anything else English).
   * Both tables have the same keys (tests/course_quiz/test_quiz_js.py); a function takes the numbers it
   * shows. The languages named here are also the folders a translated edition is built into (zh/), which
   * the navigation marks look through: progress is shared between the languages (docs/instructors.md).
   * In the functions, a is the number answered, r right, n of questions, k a question's number, l a lesson. */
  const MESSAGES = {
    en: {
      locale: undefined,  // dates in the browser's own format
      chooseOne: "Choose an answer first.",
      chooseSome: "Select at least one option.",
      typeAnswer: "Type an answer first.",
      chooseEveryList: "Make a choice in every list first.",
      positionOnce: "Give each position only once.",
      right: "Right.",
      rightMore: " See the explanation below.",
      wrong: "Not quite.",
      wrongMore: " Read the feedback, review the section and try again.",
      score: (a, n, r) => `${a} of ${n} answered, ${r} right.`,
      complete: (r, n) => `Quiz complete: ${r} of ${n} right.`,
      summary: "Your results",
      summaryRight: "Right: ",
      summaryWrong: "Not quite: ",
      question: (k) => "Question " + k,
      markComplete: " (quiz complete)",
      cardStarted: (a, n) => `Quiz: ${a} of ${n} answered.`,
      continueAt: (l) => "Continue where you left off: " + l,
      rowRight: (r, n) => `${r} of ${n} right`,
      rowQuestions: (n) => `${n} questions`,
      rowComplete: "Complete",
      rowAnswered: (a, n) => `${a} of ${n} answered`,
      rowNotStarted: "Not started",
      rowNever: "None yet",
      status: (a, n) => `You have answered ${a} of ${n} questions.`,
      fileName: "my-results",
      confirmReset: "Clear every saved answer of this course in this browser? This cannot be undone.",
    },
    zh: {
      locale: "zh-CN",
      chooseOne: "请先选择一个答案。",
      chooseSome: "请至少选择一个选项。",
      typeAnswer: "请先输入答案。",
      chooseEveryList: "请先在每个列表中作出选择。",
      positionOnce: "每个序号只能用一次。",
      right: "正确。",
      rightMore: "请看下面的解析。",
      wrong: "不太对。",
      wrongMore: "请阅读反馈，复习相关小节后再试一次。",
      score: (a, n, r) => `共${n}题，已答${a}题，答对${r}题。`,
      complete: (r, n) => `测验完成：共${n}题，答对${r}题。`,
      summary: "你的结果",
      summaryRight: "正确：",
      summaryWrong: "不太对：",
      question: (k) => `第${k}题`,
      markComplete: "（测验已完成）",
      cardStarted: (a, n) => `测验：共${n}题，已答${a}题。`,
      continueAt: (l) => "从上次停下的地方继续：" + l,
      rowRight: (r, n) => `答对${r}题（共${n}题）`,
      rowQuestions: (n) => `${n}题`,
      rowComplete: "已完成",
      rowAnswered: (a, n) => `已答${a}题（共${n}题）`,
      rowNotStarted: "未开始",
      rowNever: "暂无",
      status: (a, n) => `全部${n}题中，你已答${a}题。`,
      fileName: "我的结果",
      confirmReset: "要重置全部进度吗？本浏览器中保存的本课程全部答案都将清除，且无法恢复。",
    },
  };
  const DEFAULT_LANGUAGE = "en";
  /* The messages of the page's language. */
  const messages = () => MESSAGES[/^zh\b/i.test(document.documentElement.lang || "") ? "zh" : DEFAULT_LANGUAGE];

  /* SHA-256 written out rather than crypto.subtle.digest: the browser's digest exists only in secure
   * contexts (https and localhost), and this course is also opened from file:// and served over plain
   * http:// on a classroom's network, where crypto.subtle is undefined; it is asynchronous too, which
   * would make checking an answer and restoring saved ones wait on promises for a few short strings.
   * The tests compare it with Python's hashlib on every length class of input. */
  const K = [];
  const H0 = [];
  const rotate = (word, bits) => (word >>> bits) | (word << (32 - bits));

  function initConstants() {
    // First 32 bits of the fractional parts of the square and cube roots of the first primes.
    let found = 0;
    for (let n = 2; found < 64; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) {
        if (n % d === 0) { prime = false; break; }
      }
      if (!prime) continue;
      if (found < 8) H0[found] = (Math.pow(n, 1 / 2) * 4294967296) | 0;
      K[found++] = (Math.pow(n, 1 / 3) * 4294967296) | 0;
    }
  }

  function sha256hex(text) {
    if (!K.length) initConstants();
    const bytes = Array.from(new TextEncoder().encode(text));
    const bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (let s = 56; s >= 0; s -= 8) bytes.push(s >= 32 ? Math.floor(bitLength / Math.pow(2, s)) & 255 : (bitLength >>> s) & 255);
    const h = H0.slice();
    const w = [];
    for (let off = 0; off < bytes.length; off += 64) {
      for (let i = 0; i < 64; i++) {
        if (i < 16) {
          w[i] = (bytes[off + 4 * i] << 24) | (bytes[off + 4 * i + 1] << 16) | (bytes[off + 4 * i + 2] << 8) | bytes[off + 4 * i + 3];
        } else {
          const a = w[i - 15];
          const b = w[i - 2];
          const s0 = rotate(a, 7) ^ rotate(a, 18) ^ (a >>> 3);
          const s1 = rotate(b, 17) ^ rotate(b, 19) ^ (b >>> 10);
          w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
        }
      }
      let v = h.slice();
      for (let i = 0; i < 64; i++) {
        const e = v[4];
        const x = v[0];
        const t1 = v[7] + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & v[5]) ^ (~e & v[6])) + K[i] + w[i];
        const t2 = (rotate(x, 2) ^ rotate(x, 13) ^ rotate(x, 22)) + ((x & v[1]) ^ (x & v[2]) ^ (v[1] & v[2]));
        v = [(t1 + t2) | 0, x, v[1], v[2], (v[3] + t1) | 0, e, v[5], v[6]];
      }
      for (let i = 0; i < 8; i++) h[i] = (h[i] + v[i]) | 0;
    }
    return h.map((word) => ("00000000" + (word >>> 0).toString(16)).slice(-8)).join("");
  }

  function digest(salt, canonical) {
    return sha256hex(salt + "\x1f" + canonical).slice(0, 16);
  }

  function normalize(text, rules) {
    let value = text.normalize("NFC");
    if (rules.includes("diacritics")) value = value.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC");
    if (rules.includes("case")) value = value.toLowerCase();
    if (rules.includes("punctuation")) value = value.replace(/\p{P}/gu, "");
    if (rules.includes("whitespace")) value = value.replace(/\s+/g, " ");
    return value.trim();
  }

  /* Floor and ceiling of a typed number in steps of 10^-decimals, as strings of integers. */
  function numericBounds(raw, decimals, unit) {
    let text = raw.replace(/[\s\u00a0\u202f]/g, "");
    const bareUnit = (unit || "").replace(/ /g, "");
    if (bareUnit && text.toLowerCase().endsWith(bareUnit.toLowerCase())) text = text.slice(0, text.length - bareUnit.length);
    if (text.endsWith("%")) text = text.slice(0, -1);
    text = text.includes(".") ? text.replace(/,/g, "") : text.replace(/,/g, ".");
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!m || !(m[2] || m[3])) return null;
    const fraction = m[3] || "";
    const kept = fraction.slice(0, decimals).padEnd(decimals, "0");
    const magnitude = BigInt((m[2] || "0") + kept);
    const inexact = /[1-9]/.test(fraction.slice(decimals));
    if (m[1] === "-") return [String(-magnitude - (inexact ? 1n : 0n)), String(-magnitude)];
    return [String(magnitude), String(magnitude + (inexact ? 1n : 0n))];
  }

  function canonical(type, response, key) {
    if (type === "single" || type === "true-false") return [response];
    if (type === "multiple") return [response.slice().sort().join(",")];
    if (type === "order") return [response.join(",")];
    if (type === "match") {
      return [Object.keys(response).sort().map((left) => left + "=" + response[left]).join(",")];
    }
    if (type === "short") return [normalize(response, key.normalize || [])];
    return numericBounds(response, key.decimals || 0, key.unit) || ["not-a-number"];
  }

  function accepts(type, key, response) {
    return canonical(type, response, key).every((c) => key.digests.includes(digest(key.salt, c)));
  }

  /* ---- Page behaviour ------------------------------------------------------------------ */

  const all = (root, selector) => Array.from(root.querySelectorAll(selector));
  const $ = (root, selector) => root.querySelector(selector);
  const el = (tag, className, ...children) => {
    const made = document.createElement(tag);
    made.className = className;
    made.append(...children);
    return made;
  };
  const CHOICE = { single: 1, "true-false": 1, multiple: 1 };

  /* What a question still needs before it can be checked. A class of its own, so that no response
   * (an id, a text, a list of ids or an object of pairs keyed by author-written ids) is taken for it. */
  class Missing {
    constructor(message) { this.message = message; }
  }

  /* The response the form holds, or a Missing. */
  function readResponse(form, type) {
    if (type === "single" || type === "true-false") {
      const picked = $(form, "input:checked");
      return picked ? picked.value : new Missing(messages().chooseOne);
    }
    if (type === "multiple") {
      const ids = all(form, "input:checked").map((input) => input.value);
      return ids.length ? ids : new Missing(messages().chooseSome);
    }
    if (type === "short" || type === "numeric") {
      const text = $(form, "input[type=text]").value;
      return text.trim() ? text : new Missing(messages().typeAnswer);
    }
    const selects = all(form, "select");
    if (selects.some((s) => !s.value)) return new Missing(messages().chooseEveryList);
    if (type === "match") {
      const pairs = {};
      selects.forEach((s) => { pairs[s.dataset.leftId] = s.value; });
      return pairs;
    }
    const positions = selects.map((s) => s.value);
    if (new Set(positions).size !== positions.length) return new Missing(messages().positionOnce);
    return selects.sort((a, b) => a.value - b.value).map((s) => s.dataset.itemId);
  }

  function writeResponse(form, type, response) {
    if (CHOICE[type]) {
      all(form, "input").forEach((input) => { input.checked = [].concat(response).includes(input.value); });
    } else if (type === "short" || type === "numeric") {
      $(form, "input[type=text]").value = response;
    } else if (type === "match") {
      all(form, "select").forEach((s) => { s.value = response[s.dataset.leftId]; });
    } else {
      all(form, "select").forEach((s) => { s.value = response.indexOf(s.dataset.itemId) + 1; });
    }
  }

  /* A saved response fits the question as the page now shows it when the form, given it, reads it
   * back unchanged: a wrong type, an unknown option or a partial order does not. */
  function fits(form, type, response) {
    try {
      writeResponse(form, type, response);
      const read = readResponse(form, type);
      return !(read instanceof Missing) && JSON.stringify(read) === JSON.stringify(response);
    } catch (error) { return false; }
  }

  /* Saved state. Storage that is blocked, full or throwing loses nothing but persistence. */
  const PREFIX = "cq:v2:";
  function load(id) {
    try {
      const data = JSON.parse(localStorage.getItem(PREFIX + id));
      const answers = data && data.v === FORMAT && data.answers;
      return answers && typeof answers === "object" && !Array.isArray(answers) ? data : null;
    } catch (error) { return null; }
  }
  function save(id, data) {
    try {
      if (Object.keys(data.answers).length || Object.keys(data.firsts || {}).length) localStorage.setItem(PREFIX + id, JSON.stringify(data));
      else localStorage.removeItem(PREFIX + id);
      localStorage.removeItem("cq:v1:" + id);  // the first format had no key stamps: never trusted
    } catch (error) { /* private mode, full or blocked */ }
  }
  /* The saved first attempts of a quiz's data, or none. */
  function firstsOf(data) {
    const firsts = data && data.firsts;
    return firsts && typeof firsts === "object" && !Array.isArray(firsts) ? firsts : {};
  }
  /* Answered, right and last activity of checked answers. */
  function tally(answers) {
    const list = Object.values(answers);
    return { answered: list.length, right: list.filter((a) => a.ok).length, at: Math.max(0, ...list.map((a) => +a.at || 0)) };
  }

  /* Live regions are muted while the page restores, so a returning student hears no burst at load. */
  function say(region, quiet, ...parts) {
    region.setAttribute("aria-live", quiet ? "off" : "polite");
    region.replaceChildren(...parts);
  }

  function showResult(form, response, right, quiet) {
    form.classList.add("cq-done", right ? "cq-is-right" : "cq-is-wrong");
    all(form, ".cq-option").forEach((option) => {
      const chosen = [].concat(response).includes(option.dataset.optionId);
      const feedback = $(option, ".cq-option-feedback");
      option.classList.toggle("cq-chosen", chosen);
      if (feedback) feedback.hidden = !chosen;
      if (feedback && chosen) $(option, "input").setAttribute("aria-describedby", feedback.id);
    });
    const review = $(form, ".cq-review a");
    const m = messages();
    say($(form, ".cq-result"), quiet, el("strong", "", right ? m.right : m.wrong), right ? m.rightMore : m.wrongMore,
      ...(!right && review ? [" ", review.cloneNode(true)] : []));
    const explanation = $(form, ".cq-explanation");
    if (explanation) { explanation.classList.add("cq-shown"); explanation.open = right; }
    lock(form, true);
  }

  /* An answered question keeps its controls in the tab order and readable, but unchangeable: readOnly
   * holds a text field; radios, checkboxes and lists ignore it, so the form's change listener puts the
   * answer given back (setupQuiz). */
  function lock(form, locked) {
    $(form, ".cq-check").hidden = locked;
    $(form, ".cq-retry").hidden = !locked;
    all(form, "input, select").forEach((control) => {
      if (control.type === "text") control.readOnly = locked;
      if (locked) control.setAttribute("aria-disabled", "true");
      else control.removeAttribute("aria-disabled");
    });
  }

  function clearResult(form) {
    form.classList.remove("cq-done", "cq-is-right", "cq-is-wrong");
    say($(form, ".cq-result"), true);
    all(form, ".cq-option").forEach((option) => {
      option.classList.remove("cq-chosen");
      const feedback = $(option, ".cq-option-feedback");
      if (feedback) feedback.hidden = true;
      $(option, "input").removeAttribute("aria-describedby");
    });
    const explanation = $(form, ".cq-explanation");
    if (explanation) { explanation.classList.remove("cq-shown"); explanation.open = false; }
    lock(form, false);
  }

  /* Whether an element was set up by a script of this page, marking it if not. The mark is a property of the
   * element, not an attribute: a page a reader saved ("Save page as") keeps the attributes and markup the
   * script added (data-cq-ready, results shown) but none of its listeners, and is set up afresh. */
  function firstSetUp(element) {
    if (element.cqSetUp) return false;
    element.cqSetUp = true;
    element.setAttribute("data-cq-ready", "1");
    element.classList.add("cq-js");
    return true;
  }

  function setupQuiz(quiz) {
    if (!firstSetUp(quiz)) return;
    all(quiz, ".cq-report").forEach((old) => old.remove());  // a saved page's summary
    const id = quiz.dataset.quizId;
    const saved = load(id) || {};
    const stored = saved.answers || {};
    const storedFirsts = firstsOf(saved);
    // firsts: each question's first checked response, verdict and number of attempts (for instructors'
    // item analysis); kept when the quiz is tried again, cleared only with all progress.
    const state = { v: FORMAT, answers: {}, firsts: {} };
    const report = el("div", "cq-report");
    const reset = $(quiz, ".cq-reset");
    reset.before(report);
    const questions = [];

    function commit() {
      state.page = location.pathname;
      state.n = questions.length;
      save(id, state);
      marks();
    }

    function update(quiet) {
      const { answered, right } = tally(state.answers);
      const total = questions.length;
      const m = messages();
      say($(quiz, ".cq-score"), quiet, answered < total ? m.score(answered, total, right) : m.complete(right, total));
      report.replaceChildren();
      if (answered < total) return;
      // The summary: each question, right or not, with its explanation and review link.
      report.append(el("h4", "", m.summary), el("ol", "", ...questions.map((q, index) => {
        const ok = state.answers[q.id].ok;
        const link = el("a", "", m.question(index + 1));
        link.href = "#" + q.form.id;
        const copies = all(q.form, ".cq-prompt, .cq-explanation > :not(summary)").map((part) => {
          const copy = el("div", "", ...Array.from(part.cloneNode(true).childNodes));
          all(copy, "[id]").forEach((e) => e.removeAttribute("id"));
          return copy;
        });
        return el("li", ok ? "cq-is-right" : "cq-is-wrong", el("strong", "", ok ? m.summaryRight : m.summaryWrong), link, ...copies);
      })));
    }

    /* A saved entry (an answer or a first attempt) of this type and this key whose response fits these
     * controls, or null: anything else a stored value holds (wrong shapes, other types) is not taken back. */
    function fitting(form, q, entry) {
      try {
        return entry && entry.t === q.type && entry.k === q.stamp && fits(form, q.type, entry.r) ? entry : null;
      } catch (error) {
        return null;
      }
    }

    /* Whether a saved answer was taken back and shown, scored afresh against the current key. */
    function restore(form, q, saved) {
      try {
        const entry = fitting(form, q, saved);
        if (!entry) return false;
        const ok = accepts(q.type, q.key, entry.r);
        state.answers[q.id] = { t: q.type, k: q.stamp, r: entry.r, ok, at: +entry.at || 0 };
        showResult(form, entry.r, ok, true);
        return true;
      } catch (error) {
        return false;
      }
    }

    all(quiz, "form.cq-question").forEach((form) => {
      // Each question is set up on its own: one that cannot be read leaves the others working.
      const q = { form, id: form.dataset.questionId, type: form.dataset.type };
      try {
        const keyText = form.dataset.key;
        q.key = JSON.parse(keyText);
        const unit = $(form, ".cq-unit");
        q.key.unit = unit ? unit.textContent : "";
        q.stamp = digest(q.type, keyText);  // keycodec.key_stamp
      } catch (error) { return; }
      questions.push(q);
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (form.classList.contains("cq-done")) return;
        const response = readResponse(form, q.type);
        if (response instanceof Missing) {
          say($(form, ".cq-result"), false, response.message);
          return;
        }
        const ok = accepts(q.type, q.key, response);
        const first = state.firsts[q.id];
        if (first) first.n += 1;
        else if (!state.answers[q.id]) state.firsts[q.id] = { t: q.type, k: q.stamp, r: response, ok, at: Date.now(), n: 1 };
        state.answers[q.id] = { t: q.type, k: q.stamp, r: response, ok, at: Date.now() };
        commit();
        showResult(form, response, ok, false);
        $(form, ".cq-retry").focus();  // Check answer is hidden now
        update(false);
      });
      // A click or key on a locked control puts the answer given back.
      form.addEventListener("change", () => {
        const entry = state.answers[q.id];
        if (entry && form.classList.contains("cq-done")) writeResponse(form, q.type, entry.r);
      });
      $(form, ".cq-retry").addEventListener("click", () => {
        clearResult(form);
        $(form, "input, select").focus();
      });
      // Restore only answers to this type and this key that fit these controls; score them afresh.
      if (form.classList.contains("cq-done")) clearResult(form);  // a saved page shows the results of its day
      const first = fitting(form, q, storedFirsts[q.id]);
      if (first) {
        state.firsts[q.id] = { t: q.type, k: q.stamp, r: first.r, ok: accepts(q.type, q.key, first.r),
          at: +first.at || 0, n: Math.max(1, Math.floor(+first.n) || 1) };
      }
      if (!restore(form, q, stored[q.id])) form.reset();
    });
    if (Object.keys(stored).length !== Object.keys(state.answers).length ||
      Object.keys(storedFirsts).length !== Object.keys(state.firsts).length) commit();  // drop what no longer fits

    reset.addEventListener("click", () => {
      state.answers = {};
      commit();
      questions.forEach((q) => { clearResult(q.form); q.form.reset(); });
      update(false);
      $(quiz, "input, select").focus();
    });
    update(true);
  }

  /* ---- Across the site: navigation marks, lesson cards, the progress page ----------------------- */

  /* Whether a folder is where a translated edition is built (zh). */
  const edition = (folder) => folder !== DEFAULT_LANGUAGE && Object.prototype.hasOwnProperty.call(MESSAGES, folder);

  /* The path of the site's root folder: Material's base (relative to this page; the root of the whole
   * site under mkdocs-static-i18n, the zh/ folder when each language is a site of its own), or "/". */
  function siteRoot() {
    try {
      const root = new URL(JSON.parse($(document, "#__config").textContent).base.replace(/\/?$/, "/"), location.href).pathname;
      const parts = root.split("/");
      return edition(parts[parts.length - 2]) ? parts.slice(0, -2).join("/") + "/" : root;
    } catch (error) { return "/"; }
  }

  /* A page's path below the site's root, without the folder of a translated edition (zh/), so that a quiz
   * answered on a page of one language marks the same page in the other (progress is shared), and without
   * index.html, which a folder's link leaves out and a page opened from a folder (file://) shows. */
  function samePage(pathname, root) {
    let path = String(pathname).startsWith(root) ? String(pathname).slice(root.length) : String(pathname);
    const folder = path.split("/")[0];
    if (edition(folder)) path = path.slice(folder.length + 1);
    return path.replace(/(^|\/)index\.html$/, "$1");
  }

  /* Saved quizzes by their page (samePage), as checked when last answered there. */
  function byPage(root) {
    const found = {};
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const data = load(localStorage.key(i).slice(PREFIX.length));
        if (data && localStorage.key(i).startsWith(PREFIX) && data.page) {
          const page = samePage(data.page, root);
          found[page] = Object.assign(tally(data.answers), { n: data.n });
          found[page].done = found[page].answered >= data.n;
        }
      }
    } catch (error) { /* blocked */ }
    return found;
  }

  function marks() {
    const m = messages();
    const root = siteRoot();
    const pages = byPage(root);
    const saved = (link) => link && !link.hash && pages[samePage(link.pathname, root)];
    all(document, ".md-nav--primary a.md-nav__link[href]").forEach((link) => {
      const mark = $(link, ".cq-mark");
      if ((saved(link) || {}).done) {
        if (!mark) link.append(el("span", "cq-mark", el("span", "cq-sr", m.markComplete)));
      } else if (mark) mark.remove();
    });
    // Lesson cards (Material's grid cards) whose first link is a lesson with saved answers.
    let latest = null;
    const links = all(document, ".md-typeset .cards li").map((card) => {
      const link = $(card, "a[href]");
      const data = saved(link);
      let line = $(card, ".cq-card-progress");
      if (!data) {
        if (line) line.remove();
        return link;
      }
      if (!line) {
        line = el("p", "cq-card-progress");
        card.append(line);
      }
      line.textContent = data.done ? m.complete(data.right, data.n) : m.cardStarted(data.answered, data.n);
      if (!latest || data.at > saved(latest).at) latest = link;
      return link;
    });
    // Where you left off: the lesson last answered in, or the next one not yet complete after it.
    const next = latest && !saved(latest).done ? latest
      : latest && links.slice(links.indexOf(latest) + 1).find((link) => !(saved(link) || {}).done);
    all(document, "a.cq-continue").forEach((button) => {
      button.dataset.start = button.dataset.start || button.textContent + "\n" + button.href;
      const [text, href] = button.dataset.start.split("\n");
      button.textContent = next ? m.continueAt(next.textContent) : text;
      button.href = next ? next.href : href;
    });
  }

  /* The progress page: every quiz's row filled from saved answers that still match its key stamps. */
  function progress(box, quiet) {
    const m = messages();
    const results = all(box, "tr[data-cq-for]").map((row) => {
      const id = row.dataset.cqFor;
      const stamps = Object.fromEntries(row.dataset.cqStamps.split(" ").map((pair) => pair.split(":")));
      const data = load(id) || { answers: {} };
      const current = (entries) => Object.fromEntries(Object.entries(entries).filter(([qid, e]) => e && stamps[qid] === e.k));
      const answers = current(data.answers), firsts = current(firstsOf(data));
      if (Object.keys(answers).length !== Object.keys(data.answers).length ||
        Object.keys(firsts).length !== Object.keys(firstsOf(data)).length) save(id, Object.assign(data, { answers, firsts }));
      const { answered, right, at } = tally(answers);
      const n = Object.keys(stamps).length;
      const link = $(row, "a");
      const cells = row.querySelectorAll("td");
      const iso = (time) => (time ? new Date(time).toISOString() : null);
      cells[0].textContent = answered ? m.rowRight(right, n) : m.rowQuestions(n);
      cells[1].textContent = answered === n ? m.rowComplete : answered ? m.rowAnswered(answered, n) : m.rowNotStarted;
      cells[2].textContent = at ? new Date(at).toLocaleString(m.locale, { dateStyle: "medium", timeStyle: "short" }) : m.rowNever;
      return { quiz: id, quiz_version: row.dataset.cqVersion, lesson: link.textContent, url: link.href,
        questions: n, answered, right, complete: answered === n, last_activity: iso(at),
        answers: Object.keys(stamps).map((qid) => {
          // Results format 2: the type and stamp answered against, the latest and the first attempt.
          const a = answers[qid] || {}, f = firsts[qid];
          const verdict = (e) => (e.ok ? "right" : "wrong");
          return { question: qid, type: a.t || (f && f.t) || null, stamp: a.k || (f && f.k) || null,
            result: a.k ? verdict(a) : "unanswered", response: a.r, answered_at: iso(a.at),
            attempts: f ? f.n : a.k ? null : 0,
            first: f ? { result: verdict(f), response: f.r, answered_at: iso(f.at) } : null };
        }) };
    });
    const sum = (field) => results.reduce((total, row) => total + row[field], 0);
    say($(box, ".cq-progress-status"), quiet, m.status(sum("answered"), sum("questions")));
    return results;
  }

  function setupProgress(box) {
    if (!firstSetUp(box)) return;
    const course = box.dataset.cqCourse;
    progress(box, true);
    all(box, ".cq-download").forEach((button) => button.addEventListener("click", () => {
      const results = progress(box, false);
      const json = button.dataset.cqFormat === "json";
      // The name or ID typed goes into this file only: it is never saved.
      const student = (($(box, ".cq-student") || {}).value || "").trim().slice(0, 200);
      const cell = (value) => '"' + String(value ?? "").replace(/"/g, '""') + '"';
      const text = json
        ? JSON.stringify({ format: "course-quiz-results", version: 2, course, student, exported: new Date().toISOString(), quizzes: results }, null, 2)
        : [["course", "student", "quiz", "quiz_version", "lesson", "question", "result", "answered_at", "first_result", "attempts"], ...results.flatMap((r) =>
          r.answers.map((a) => [course, student, r.quiz, r.quiz_version, r.lesson, a.question, a.result, a.answered_at,
            a.first ? a.first.result : "", a.attempts]))]
          .map((line) => line.map(cell).join(",") + "\r\n").join("");
      const link = el("a", "");  // never in the document: instant navigation does not see its click
      link.href = URL.createObjectURL(new Blob([text], { type: json ? "application/json" : "text/csv" }));
      // Letters and digits of any script (a Chinese name stays), accents dropped: "José" gives "jose".
      const slug = student.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]+/gu, "-")
        .replace(/^-|-$/g, "").slice(0, 40);
      link.download = messages().fileName + (slug ? "-" + slug : "") + "." + (json ? "json" : "csv");
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }));
    $(box, ".cq-reset-all").addEventListener("click", () => {
      if (!window.confirm(messages().confirmReset)) return;
      all(box, "tr[data-cq-for]").forEach((row) => save(row.dataset.cqFor, { answers: {}, firsts: {} }));
      progress(box, false);
      marks();
    });
  }

  function init() {
    all(document, ".cq-quiz").forEach(setupQuiz);
    all(document, ".cq-progress").forEach(setupProgress);
    marks();
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { sha256hex, digest, normalize, numericBounds, accepts, MESSAGES, samePage };
  } else {
    // Material's document$ runs init again after each instant navigation. It is not enough alone: opened
    // from a folder (file://), Material's instant navigation gives up and completes document$ before the
    // page has loaded, so it never emits (tests/browser/test_file_urls.py). The page's own load runs init
    // as well; init sets up each quiz once, so running it twice changes nothing.
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})();
