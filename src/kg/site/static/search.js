/* Offline search over the names of every record, in any language and script.
   Folds the query exactly as kg.query.fold does (rules and table in search-index.js). */
(function () {
  "use strict";
  var index = window.TCDKG_SEARCH;
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!index || !box || !list) { return; }
  var body = document.body;
  var base = body.getAttribute("data-base") || "";
  var lang = body.getAttribute("data-lang") || "en";
  var apostrophes = new RegExp(index.apostrophes, "g");
  var spelling = new RegExp(index.spelling, "g");
  var glide = new RegExp(index.glide, "g");
  var dbl = new RegExp(index.double, "g");

  function fold(text) {
    var out = "";
    for (var ch of text.normalize("NFKC")) {
      out += Object.prototype.hasOwnProperty.call(index.table, ch) ? index.table[ch] : ch;
    }
    var words = out.replace(apostrophes, "").toLowerCase().match(/[a-z0-9]+/g);
    return words ? words.join(" ") : "";
  }

  function skeleton(text) {
    var merged = fold(text).replace(spelling, function (m) { return index.spellings[m]; });
    return merged.replace(glide, "").replace(/y/g, "i").replace(dbl, "$1");
  }

  // 0 a name is the query, 1 a name starts with it, 2 a name has it as a word, 3 the query's
  // words start words of a name or the query is inside a name; -1 no match
  function score(query, keys) {
    var words = query.split(" ");
    var best = -1;
    keys.forEach(function (key) {
      var s = -1;
      var keyWords = key.split(" ");
      if (key === query) { s = 0; }
      else if (key.indexOf(query + " ") === 0) { s = 1; }
      else if ((" " + key + " ").indexOf(" " + query + " ") !== -1) { s = 2; }
      else if (key.indexOf(query) !== -1 || words.every(function (w) {
        return keyWords.some(function (k) { return k.indexOf(w) === 0; });
      })) { s = 3; }
      if (s !== -1 && (best === -1 || s < best)) { best = s; }
    });
    return best;
  }

  function show() {
    var query = skeleton(box.value);
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    var found = index.items
      .map(function (item, order) { return [score(query, item[3]), order, item]; })
      .filter(function (entry) { return entry[0] !== -1; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
    found.slice(0, 30).forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + "id/" + item[0] + "/" + item[1] + ".html";
      a.textContent = item[2][lang] || item[2].en;
      var kind = document.createElement("span");
      kind.className = "hint";
      kind.textContent = " " + item[0];
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
    status.textContent = found.length ? String(found.length) : status.getAttribute("data-none");
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = status.getAttribute("data-none");
      list.appendChild(none);
    }
  }

  box.addEventListener("input", show);
  show();
})();
