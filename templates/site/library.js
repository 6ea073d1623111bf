// The library page's search, filters and print buttons (inlined by library.html.j2; no library, no request).
// Without this script the page is the complete list. The filters live in the address after "#", so a link to
// a filtered list can be shared, and it works from file:// as from a web server.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var form = document.querySelector(".filters");
  var fields = { q: form.elements.q, treatment: form.elements.treatment, lang: form.elements.lang,
                 format: form.elements.format };
  var sections = Array.prototype.slice.call(document.querySelectorAll(".treatment"));
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var strings = JSON.parse(document.getElementById("strings").textContent);
  var vocabulary = JSON.parse(document.getElementById("vocabulary").textContent);
  var results = document.getElementById("results");
  var suggestion = document.getElementById("suggestion");

  // Lowercase, without accents or other non-spacing marks: "Chimiothérapie" and "chimiotherapie" match, and
  // Arabic with or without its short vowels and with any alef ("أدوية", "ادويه"); full-width letters are plain
  // ones. The same as site/catalogue.py's fold, which wrote data-search (a test compares the two).
  function fold(text) {
    return text.replace(/\u2019/g, "'").normalize("NFKD").toLowerCase().replace(/\p{Mn}/gu, "")
      .replace(/\u0671/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")
      .replace(/\u0640/g, "").replace(/\s+/g, " ").trim();
  }

  // The filters are the address's fragment when it holds "name=value" pairs; any other fragment (a place on the
  // page, "#results") leaves them as they are.
  function readAddress() {
    var hash = window.location.hash.slice(1);
    if (hash && hash.indexOf("=") === -1) { return; }
    var params = new URLSearchParams(hash);
    Object.keys(fields).forEach(function (name) {
      var field = fields[name];
      var value = params.get(name) || "";
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) {
        value = "";
      }
      field.value = value;
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      if (fields[name].value) { params.set(name, fields[name].value); }
    });
    var hash = params.toString();
    var address = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
    history.replaceState(null, "", address);
    linkLanguages(hash);
  }

  // The links to this page in other languages keep the same filters.
  function linkLanguages(hash) {
    document.querySelectorAll(".page-languages a").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + (hash ? "#" + hash : ""));
    });
  }

  // Edits (insertion, deletion, substitution, two letters swapped) that turn one word into another.
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i += 1) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j += 1) {
        if (i === 0) { rows[i].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(best);
      }
    }
    return rows[a.length][b.length];
  }

  // The word of the leaflets a misspelt search word most likely meant: one edit in 4 letters at most, compared
  // with the whole word and with its start (a word still being typed); none for words under 4 letters.
  function closest(word) {
    if (word.length < 4) { return null; }
    var allowed = Math.max(1, Math.floor(word.length / 4));
    var best = null;
    var bestDistance = allowed + 1;
    Object.keys(vocabulary).forEach(function (known) {
      var d = Math.min(distance(word, known), distance(word, known.slice(0, word.length)));
      if (d < bestDistance || (d === bestDistance && best !== null && known.length < best.length)) {
        best = known;
        bestDistance = d;
      }
    });
    return best;
  }

  function matches(words) {
    return function (search) { return words.every(function (word) { return search.indexOf(word) !== -1; }); };
  }

  // The search words, each one replaced by the closest word of the leaflets when it is found in none of them.
  function corrected(words) {
    var searches = sections.map(function (section) { return section.getAttribute("data-search"); });
    var changed = false;
    var words2 = words.map(function (word) {
      if (searches.some(function (search) { return search.indexOf(word) !== -1; })) { return word; }
      var known = closest(word);
      changed = changed || known !== null;
      return known || word;
    });
    return changed ? words2 : null;
  }

  function suggest(words) {
    var written = words ? words.map(function (word) { return vocabulary[word] || word; }).join(" ") : "";
    suggestion.hidden = !words;
    // The same suggestion is left as it is: leaving the search box (a "change") must not replace the button
    // being clicked.
    if (suggestion.getAttribute("data-words") === written) { return; }
    suggestion.setAttribute("data-words", written);
    suggestion.textContent = "";
    if (!words) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link";
    button.textContent = written;
    button.addEventListener("click", function () {
      fields.q.value = written;
      update();
      fields.q.focus();
    });
    // The sentence is translated whole, its punctuation included ("Did you mean: {word}?"): the word, a button,
    // goes where the translation puts it.
    var around = strings.did_you_mean.split("{word}");
    suggestion.appendChild(document.createTextNode(around[0]));
    suggestion.appendChild(button);
    suggestion.appendChild(document.createTextNode(around.slice(1).join("")));
  }

  function apply() {
    var words = fold(fields.q.value).split(" ").filter(Boolean);
    var fixed = show(matches(words)) === 0 && words.length ? corrected(words) : null;
    if (fixed) { show(matches(fixed)); }
    suggest(fixed);
  }

  // Show the cards the filters and ``found`` (a test of a treatment's search words) keep; return how many.
  function show(found) {
    var shown = 0;
    var total = 0;
    sections.forEach(function (section) {
      var search = section.getAttribute("data-search");
      var inSection = (!fields.treatment.value || section.getAttribute("data-leaflet") === fields.treatment.value) &&
        found(search);
      var visible = 0;
      section.querySelectorAll(".card").forEach(function (card) {
        total += 1;
        var inLanguage = !fields.lang.value || card.getAttribute("data-locale") === fields.lang.value;
        var formats = 0;
        card.querySelectorAll(".pdf").forEach(function (pdf) {
          pdf.hidden = Boolean(fields.format.value) && pdf.getAttribute("data-format") !== fields.format.value;
          formats += pdf.hidden ? 0 : 1;
        });
        card.hidden = !(inSection && inLanguage && formats > 0);
        visible += card.hidden ? 0 : 1;
      });
      section.hidden = visible === 0;
      shown += visible;
    });
    status.textContent = status.getAttribute("data-template").replace("{shown}", shown).replace("{total}", total);
    empty.hidden = shown > 0;
    return shown;
  }

  function update() {
    apply();
    writeAddress();
  }

  // Overdue reviews, as of the day the page is read (the page may be older than that).
  function markOverdue() {
    var today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll("[data-review-due]").forEach(function (due) {
      if (due.getAttribute("data-review-due") < today && !due.classList.contains("overdue")) {
        due.classList.add("overdue");
        var label = document.createElement("strong");
        label.className = "overdue-label";
        label.textContent = " " + strings.overdue;
        due.appendChild(label);
      }
    });
  }

  // Print a PDF without leaving the page; where the browser forbids it (pages opened from file://), open the
  // PDF in a new tab, where its own print button is.
  function printPdf(address) {
    var frame = document.getElementById("print-frame");
    if (frame) { frame.remove(); }
    frame = document.createElement("iframe");
    frame.id = "print-frame";
    frame.title = "print";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.cssText = "position:fixed;width:0;height:0;border:0;visibility:hidden";
    frame.addEventListener("load", function () {
      try {
        frame.contentWindow.focus();
        frame.contentWindow.print();
      } catch (error) {
        window.open(address, "_blank", "noopener");
      }
    });
    if (window.location.protocol === "file:") {
      window.open(address, "_blank", "noopener");
      return;
    }
    frame.src = address;
    document.body.appendChild(frame);
  }

  // The skip link moves the focus to the list without writing "#results" over the filters in the address.
  document.querySelector(".skip").addEventListener("click", function (event) {
    event.preventDefault();
    results.focus();
    results.scrollIntoView();
  });

  var fromFolder = window.location.protocol === "file:";
  document.getElementById("print-note").hidden = !fromFolder;
  form.hidden = false;
  document.querySelectorAll("button.print").forEach(function (button) {
    button.hidden = false;
    if (fromFolder) {
      button.firstChild.textContent = strings.print_file;
      button.setAttribute("aria-describedby", "print-note");
    }
    button.addEventListener("click", function () { printPdf(button.getAttribute("data-pdf")); });
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    fields.q.blur();  // Enter closes a phone's keyboard, showing the results
  });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  window.addEventListener("hashchange", function () { readAddress(); apply(); });
  readAddress();
  apply();
  linkLanguages(window.location.hash.indexOf("=") !== -1 ? window.location.hash.slice(1) : "");
  markOverdue();
}());
