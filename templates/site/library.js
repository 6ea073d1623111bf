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

  // Lowercase, without accents or other non-spacing marks: "Chimiothérapie" and "chimiotherapie" match, and
  // Arabic with or without its short vowels and with any alef ("أدوية", "ادويه"); full-width letters are plain
  // ones. The same as site/catalogue.py's fold, which wrote data-search (a test compares the two).
  function fold(text) {
    return text.replace(/\u2019/g, "'").normalize("NFKD").toLowerCase().replace(/\p{Mn}/gu, "")
      .replace(/\u0671/g, "\u0627").replace(/\u0649/g, "\u064a").replace(/\u0629/g, "\u0647")
      .replace(/\u0640/g, "").replace(/\s+/g, " ").trim();
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.hash.slice(1));
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
    // The links to this page in other languages keep the same filters.
    document.querySelectorAll(".page-languages a").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + (hash ? "#" + hash : ""));
    });
  }

  function apply() {
    var words = fold(fields.q.value).split(" ").filter(Boolean);
    var shown = 0;
    var total = 0;
    sections.forEach(function (section) {
      var search = section.getAttribute("data-search");
      var inSection = (!fields.treatment.value || section.getAttribute("data-leaflet") === fields.treatment.value) &&
        words.every(function (word) { return search.indexOf(word) !== -1; });
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

  form.hidden = false;
  document.querySelectorAll("button.print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { printPdf(button.getAttribute("data-pdf")); });
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  window.addEventListener("hashchange", function () { readAddress(); apply(); });
  readAddress();
  apply();
  markOverdue();
}());
